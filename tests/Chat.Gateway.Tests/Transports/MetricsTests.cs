using Chat.Gateway.Tests.Support;
using Chat.Testing;

namespace Chat.Gateway.Tests.Transports;

/// <summary>
/// What the transports do shows at /metrics, labelled by transport. Every assertion compares a read before the action
/// with one after it: the gateway is shared, so absolute values would pass on what earlier tests left behind.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class MetricsTests(ChatCluster cluster)
{
    private const string Rest = "transport=\"rest\"";
    private const string SignalR = "transport=\"signalr\"";
    private const string WebSocket = "transport=\"websocket\"";

    [Fact]
    public async Task ConnectionsAndRoomSubscriptionsAreCountedWhileTheyLast()
    {
        var user = await cluster.RegisterUserAsync("metrics");
        var roomId = await TestRooms.CreateAsync(cluster, user);
        var beforeConnecting = await MetricsScrape.ReadAsync(cluster);

        await using var hub = await HubClient.ConnectAsync(cluster, user);
        await using var socket = await WsClient.ConnectAsync(cluster, user);
        await hub.JoinAsync(roomId);
        await socket.RequestAsync("join_room", new { roomId });

        await MetricsScrape.ChangedAsync(cluster, beforeConnecting,
            ("chat_connections", SignalR, 1),
            ("chat_connections", WebSocket, 1),
            ("chat_room_subscriptions", null, 1));
        var connected = await MetricsScrape.ReadAsync(cluster);

        await hub.DisposeAsync();
        await socket.DisposeAsync();

        await MetricsScrape.ChangedAsync(cluster, connected,
            ("chat_connections", SignalR, -1),
            ("chat_connections", WebSocket, -1));
    }

    [Fact]
    public async Task SendsAndDeliveriesAreCountedPerTransport()
    {
        var user = await cluster.RegisterUserAsync("metrics");
        var roomId = await TestRooms.CreateAsync(cluster, user);
        await using var hub = await HubClient.ConnectAsync(cluster, user);
        await using var socket = await WsClient.ConnectAsync(cluster, user);
        await hub.JoinAsync(roomId);
        await socket.RequestAsync("join_room", new { roomId });
        var before = await MetricsScrape.ReadAsync(cluster);

        await TestRooms.SendAsync(cluster, user, roomId, "counted");
        await hub.NextMessageAsync();
        await socket.ExpectTypeAsync("new_message");

        await MetricsScrape.ChangedAsync(cluster, before,
            ("chat_messages_received_total", Rest, 1),
            ("chat_messages_delivered_total", SignalR, 1),
            ("chat_messages_delivered_total", WebSocket, 1));
    }

    [Fact]
    public async Task OrleansPerMessageInstrumentsAreNotExportedButGrainCallLatencyIs()
    {
        var user = await cluster.RegisterUserAsync("metrics");
        var before = await MetricsScrape.ReadAsync(cluster);

        await TestRooms.CreateAsync(cluster, user); // grain calls from the gateway to the cluster

        await MetricsScrape.ChangedAsync(cluster, before, ("orleans_app_requests_latency_milliseconds_count", null, 1));
        var after = await MetricsScrape.ReadAsync(cluster);
        Assert.Equal(0, after.Value("orleans_messaging_sent_messages_size_bytes_count"));
        Assert.Equal(0, after.Value("orleans_messaging_received_messages_size_bytes_count"));
        Assert.Equal(0, after.Value("orleans_directory_lookups_cache_issued_total"));
    }
}
