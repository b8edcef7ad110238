using Microsoft.AspNetCore.SignalR;

namespace Chat.Gateway.Hubs;

/// <summary>
/// SignalR's default lifetime manager, plus one thing: it hands each connection's <see cref="HubConnectionContext"/>
/// to the hub (through the connection's <c>Items</c>), so that <see cref="SignalRTransport"/> can write one
/// already-serialized event to many connections without going through a proxy that serializes per connection.
/// </summary>
/// <remarks>The lifetime manager sees a connection before the hub's <c>OnConnectedAsync</c> runs.</remarks>
public sealed class ChatHubLifetimeManager(ILogger<DefaultHubLifetimeManager<ChatHub>> logger)
    : DefaultHubLifetimeManager<ChatHub>(logger)
{
    private const string ConnectionKey = "chat.hub-connection";

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        connection.Items[ConnectionKey] = connection;
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        connection.Items.Remove(ConnectionKey);
        return base.OnDisconnectedAsync(connection);
    }

    /// <summary>The connection a hub call runs on; set for every connection this manager has seen.</summary>
    public static HubConnectionContext ConnectionOf(HubCallerContext context) =>
        context.Items.TryGetValue(ConnectionKey, out var connection) && connection is HubConnectionContext hubConnection
            ? hubConnection
            : throw new InvalidOperationException($"{nameof(ChatHubLifetimeManager)} is not the hub's lifetime manager.");
}
