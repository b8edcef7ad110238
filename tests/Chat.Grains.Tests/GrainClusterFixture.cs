using Chat.Grains.Leases;
using Chat.Grains.Observability;
using Chat.Grains.Rooms;
using Chat.Grains.Storage;
using Chat.Grains.Users;
using Chat.Rooms;
using Chat.Silo.Hosting;
using Chat.Streams;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Chat.Grains.Tests;

/// <summary>
/// One in-process Orleans cluster (two silos) with the grains on in-memory storage and the in-memory message log:
/// the grain logic, isolated from MySQL (which the Integration tests cover).
/// </summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    /// <summary>Small enough that history tests reach past the cache into the log.</summary>
    public const int CacheSize = 20;

    public InProcessTestCluster Cluster { get; } = new InProcessTestClusterBuilder(2)
        .ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(ChatStorage.GrainState);
            silo.AddMemoryGrainStorage(ChatStreams.PubSubStore);
            // The silo's own stream provider and settings, so grain tests run on what production runs.
            var streams = new RoomStreamOptions();
            silo.AddWakingStreams(ChatStreams.ProviderName, streams.Queues, streams.PollingPeriod, streams.MaxWait);
            silo.Services.AddSingleton<IMessageLog, InMemoryMessageLog>();
            silo.Services.AddSingleton<IRoomDirectoryStore, InMemoryRoomDirectoryStore>();
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.AddMetrics();
            silo.Services.AddSingleton<ChatGrainMetrics>();
            silo.Services.Configure<RoomOptions>(o => o.CacheSize = CacheSize);
            silo.Services.Configure<SendRateLimitOptions>(o => (o.Burst, o.PerSecond) = (30, 10));
            silo.Services.Configure<GatewayLeaseOptions>(o => (o.CheckInterval, o.InitialGrace) = (TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2)));
        })
        .ConfigureClient(client => client.AddWakingStreams(ChatStreams.ProviderName))
        .Build();

    public IClusterClient Client => Cluster.Client;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainClusterFixture>
{
    public const string Name = "grain cluster";
}
