using Chat.Client;

namespace Chat.Distributed.Tests.Harness;

[CollectionDefinition(Name)]
public sealed class DistributedCollection : ICollectionFixture<DistributedCluster>
{
    /// <summary>One collection: the scenarios share one cluster and run one after another.</summary>
    public const string Name = "distributed";
}

/// <summary>
/// The frame of a scenario: the 2 × 2 cluster healthy at the start, participants disposed at the end, the figures
/// printed (test output and <c>.run/dist/results.txt</c>), and every process's log tail printed on failure.
/// </summary>
public abstract class Scenario(DistributedCluster cluster, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<Participant> _participants = [];

    internal DistributedCluster Cluster { get; } = cluster;

    internal GatewaySlot GatewayA => Cluster.Gateways[0];

    internal GatewaySlot GatewayB => Cluster.Gateways[1];

    public Task InitializeAsync() => Cluster.EnsureHealthyAsync();

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_participants.Select(p => p.DisposeAsync().AsTask()));
    }

    /// <summary>Runs the scenario's body; on failure prints the end of every server log before rethrowing.</summary>
    internal async Task RunAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch
        {
            output.WriteLine("===== scenario failed; server logs:");
            output.WriteLine(Cluster.DescribeProcesses(40));
            throw;
        }
    }

    internal async Task<Participant> JoinAsync(int user, GatewaySlot gateway, string roomId, bool onlyThatGateway = false,
        HubProtocol protocol = HubProtocol.MessagePack, TimeSpan? retryTimeout = null)
    {
        var participant = await Cluster.ConnectAsync(Cluster.Users[user], gateway, onlyThatGateway, protocol, retryTimeout);
        lock (_participants)
        {
            _participants.Add(participant);
        }
        await participant.Client.JoinRoomAsync(roomId);
        return participant;
    }

    /// <summary>A plain REST client (the pool's last user) sending into a room of its own through both gateways while a fault happens.</summary>
    internal async Task<RestProbe> StartProbeAsync()
    {
        var roomId = await Cluster.CreateRoomAsync("probe");
        return RestProbe.Start(Cluster.Users[^1], [GatewayA, GatewayB], roomId, TimeSpan.FromMilliseconds(400));
    }

    /// <summary>A figure of the scenario: printed, and kept in .run/dist/results.txt for the report.</summary>
    internal void Figure(string text)
    {
        var line = $"[{GetType().Name}] {text}";
        output.WriteLine(line);
        Console.WriteLine(line);
        lock (typeof(Scenario))
        {
            File.AppendAllText(Path.Combine(Cluster.RunDir, "results.txt"), $"{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} {line}\n");
        }
    }
}
