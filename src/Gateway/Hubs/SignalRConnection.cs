using Chat.Gateway.Fanout;

namespace Chat.Gateway.Hubs;

/// <summary>A SignalR connection as a live connection: its pushes go through SignalR groups (one per room).</summary>
public sealed class SignalRConnection(string connectionId, string userId, string username, SignalRTransport transport)
    : LiveConnection(connectionId, userId, username)
{
    public override ILiveTransport Transport => transport;
}
