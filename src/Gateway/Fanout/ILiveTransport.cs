using Chat.Rooms;

namespace Chat.Gateway.Fanout;

/// <summary>
/// A transport that pushes room events to its live connections on this gateway (SignalR, raw WebSocket).
/// Called once per event per room, so a transport can serialize an event once for all its connections.
/// </summary>
public interface ILiveTransport
{
    /// <summary>Mirrors a join in the transport's own grouping, if it has one (SignalR groups).</summary>
    Task AddToRoomAsync(LiveConnection connection, string roomId);

    /// <summary>Mirrors a leave in the transport's own grouping, if it has one. Idempotent.</summary>
    Task RemoveFromRoomAsync(LiveConnection connection, string roomId);

    /// <summary>
    /// Pushes <paramref name="roomEvent"/> to this transport's connections among <paramref name="members"/>, except
    /// <paramref name="excluded"/>. Must not block: a connection that cannot keep up is dropped, not waited for.
    /// </summary>
    void Deliver(RoomEvent roomEvent, IEnumerable<LiveConnection> members, IReadOnlyList<string> excluded);
}
