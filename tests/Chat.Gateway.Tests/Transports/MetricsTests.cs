using Chat.Gateway.Tests.Support;
using Chat.Testing;

namespace Chat.Gateway.Tests.Transports;

/// <summary>What the transports do shows at /metrics, labelled by transport.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class MetricsTests(ChatCluster cluster)
{
    [Fact]
    public async Task SendsDeliveriesAndConnectionsAreCountedPerTransport()
    {
        var user = await cluster.RegisterUserAsync("metrics");
        var roomId = await TestRooms.CreateAsync(cluster, user);
        await using var hub = await HubClient.ConnectAsync(cluster, user);
        await using var socket = await WsClient.ConnectAsync(cluster, user);
        await hub.JoinAsync(roomId);
        await socket.RequestAsync("join_room", new { roomId });

        await TestRooms.SendAsync(cluster, user, roomId, "counted");
        await hub.NextMessageAsync();
        await socket.ExpectTypeAsync("new_message");
        var metrics = await cluster.Http.GetStringAsync("/metrics");

        Assert.Matches("""chat_messages_received_total\{[^}]*transport="rest"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""chat_messages_delivered_total\{[^}]*transport="signalr"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""chat_messages_delivered_total\{[^}]*transport="websocket"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""chat_connections\{[^}]*transport="signalr"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""chat_connections\{[^}]*transport="websocket"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""chat_room_subscriptions\{[^}]*\} [1-9]""", metrics);
    }
}
