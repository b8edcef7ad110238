using Chat.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Streams;

namespace Chat.Grains.Tests.Streams;

/// <summary>
/// A read of a stream queue waits for a message instead of returning empty: it ends when a batch is enqueued, when its
/// bound passes, or when its reader leaves, and a reader that left is never handed a batch.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class WakingQueueTests(GrainClusterFixture fixture)
{
    /// <summary>Far past the grain call time-out: a read that returns at all was ended by something, not by its bound.</summary>
    private static readonly TimeSpan Forever = TimeSpan.FromHours(1);

    private DefaultMemoryMessageBodySerializer Serializer => fixture.Client.ServiceProvider.GetRequiredService<DefaultMemoryMessageBodySerializer>();

    [Fact]
    public async Task AWaitingReadReturnsTheBatchEnqueuedWhileItWaits()
    {
        var queue = NewQueue();

        var read = queue.Dequeue(10, Forever);
        await queue.Enqueue(Batch("hello"));

        Assert.Equal(["hello"], Texts(await read));
    }

    [Fact]
    public async Task AReadOfAnEmptyQueueReturnsEmptyWhenItsBoundPasses()
    {
        Assert.Empty(await NewQueue().Dequeue(10, TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public async Task AReadReturnsQueuedBatchesInOrderAndNoMoreThanAskedFor()
    {
        var queue = NewQueue();
        foreach (var text in new[] { "a", "b", "c" })
        {
            await queue.Enqueue(Batch(text));
        }

        Assert.Equal(["a", "b"], Texts(await queue.Dequeue(2, Forever)));
        Assert.Equal(["c"], Texts(await queue.Dequeue(2, Forever)));
    }

    [Fact]
    public async Task AfterAReadThatReturnedBatchesTheNextReadRestsSoThatABurstGathers()
    {
        var queue = NewQueue();
        var receiver = new WakingQueueReceiver(queue, Serializer, Forever, NullLogger.Instance);

        await queue.Enqueue(Batch("first"));
        var first = await receiver.GetQueueMessagesAsync(10, CancellationToken.None);
        await queue.Enqueue(Batch("second"));
        await queue.Enqueue(Batch("third"));
        var rest = await receiver.GetQueueMessagesAsync(10, CancellationToken.None);
        var burst = await receiver.GetQueueMessagesAsync(10, CancellationToken.None);

        Assert.Equal(["first"], Texts(first));
        Assert.Empty(rest);
        Assert.Equal(["second", "third"], Texts(burst));
    }

    [Fact]
    public async Task ShuttingTheReceiverDownEndsAWaitingReadAndLeavesLaterBatchesQueued()
    {
        var queue = NewQueue();
        var receiver = new WakingQueueReceiver(queue, Serializer, Forever, NullLogger.Instance);

        var read = receiver.GetQueueMessagesAsync(10, CancellationToken.None);
        await receiver.Shutdown(Forever);

        Assert.Empty(await read);
        await queue.Enqueue(Batch("later"));
        Assert.Equal(["later"], Texts(await queue.Dequeue(10, TimeSpan.Zero)));
    }

    [Fact]
    public async Task CancellingAReadEndsItsWaitEmptyHanded()
    {
        var queue = NewQueue();
        var receiver = new WakingQueueReceiver(queue, Serializer, Forever, NullLogger.Instance);
        using var agentStopping = new CancellationTokenSource();

        var read = receiver.GetQueueMessagesAsync(10, agentStopping.Token);
        await agentStopping.CancelAsync();

        Assert.Empty(await read);
        await queue.Enqueue(Batch("later"));
        Assert.Equal(["later"], Texts(await queue.Dequeue(10, TimeSpan.Zero)));
    }

    private IWakingQueueGrain NewQueue() => fixture.Client.GetGrain<IWakingQueueGrain>($"test/{Guid.NewGuid():N}");

    private MemoryMessageData Batch(string text) => new()
    {
        StreamId = StreamId.Create("test", "stream"),
        EnqueueTimeUtc = DateTime.UtcNow,
        Payload = Serializer.Serialize(new MemoryMessageBody([text], null)),
    };

    private List<string> Texts(IEnumerable<MemoryMessageData> batches) =>
        batches.SelectMany(b => Serializer.Deserialize(b.Payload).Events.Cast<string>()).ToList();

    private static List<string> Texts(IEnumerable<IBatchContainer> batches) =>
        batches.SelectMany(b => b.GetEvents<string>().Select(e => e.Item1)).ToList();
}
