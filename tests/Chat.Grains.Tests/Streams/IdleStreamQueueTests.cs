using System.Diagnostics;
using System.Threading.Channels;
using Chat.Silo.Hosting;
using Chat.Streams;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.TestingHost;

namespace Chat.Grains.Tests.Streams;

/// <summary>
/// With the silo's stream settings, an idle stream queue is not polled once per pulling period (Orleans' memory streams
/// read every queue every 2 ms here: 1,000 grain calls a second for nothing), yet an event published after a quiet
/// spell is still delivered.
/// </summary>
public sealed class IdleStreamQueueTests : IAsyncLifetime
{
    private const string Provider = "IdleProbe";
    private static readonly RoomStreamOptions Settings = new();

    private readonly InProcessTestCluster _cluster = new InProcessTestClusterBuilder(1)
        .ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.AddWakingStreams(Provider, Settings.Queues, Settings.PollingPeriod, Settings.MaxWait);
            silo.Services.AddSingleton<QueueReadCounter>();
            silo.Services.AddSingleton<IIncomingGrainCallFilter>(sp => sp.GetRequiredService<QueueReadCounter>());
        })
        .ConfigureClient(client => client.AddWakingStreams(Provider, Settings.Queues))
        .Build();

    private readonly Channel<string> _received = Channel.CreateUnbounded<string>();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AnIdleQueueIsReadFarLessThanOncePerPollingPeriodAndStillDeliversTheNextEvent()
    {
        var stream = _cluster.Client.GetStreamProvider(Provider).GetStream<string>(StreamId.Create("room", "quiet"));
        await stream.SubscribeAsync((e, _) => _received.Writer.WriteAsync(e).AsTask());
        await stream.OnNextAsync("before");
        Assert.Equal("before", await NextAsync());
        var counter = _cluster.Silos[0].ServiceProvider.GetRequiredService<QueueReadCounter>();

        var readsBefore = counter.Reads;
        var clock = Stopwatch.StartNew();
        // The quiet spell under observation: nothing happens in it by design, so there is no event to await.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var reads = counter.Reads - readsBefore;
        var window = clock.Elapsed;
        await stream.OnNextAsync("after");

        Assert.Equal("after", await NextAsync());
        var polledReads = Settings.Queues * (window / Settings.PollingPeriod);
        Assert.True(reads < polledReads / 20,
            $"{reads} queue reads in {window.TotalMilliseconds:F0} ms of quiet; polling every period makes {polledReads:F0}");
    }

    private async Task<string> NextAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await _received.Reader.ReadAsync(patience.Token);
    }

    /// <summary>Counts reads of any stream queue grain (ours or Orleans' memory queue: both name the method Dequeue).</summary>
    private sealed class QueueReadCounter : IIncomingGrainCallFilter
    {
        private long _reads;

        public long Reads => Interlocked.Read(ref _reads);

        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.InterfaceMethod?.Name == "Dequeue")
            {
                Interlocked.Increment(ref _reads);
            }
            return context.Invoke();
        }
    }
}
