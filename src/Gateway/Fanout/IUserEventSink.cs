using Chat.Conversations;

namespace Chat.Gateway.Fanout;

/// <summary>A local consumer of one user's events on this gateway (one of their live connections, or a gRPC stream).</summary>
public interface IUserEventSink : IFeedSink<UserEvent>
{
}

/// <summary>
/// Writes user events to the live connections of one transport (SignalR, raw WebSocket) in that transport's own
/// wire form. Must not block: a connection that cannot keep up is dropped by its transport, as for room events.
/// </summary>
public interface IUserEventTransport
{
    /// <summary>False when <paramref name="connection"/> belongs to another transport (nothing was done).</summary>
    bool TryDeliver(UserEvent userEvent, LiveConnection connection);
}
