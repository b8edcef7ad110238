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
    /// Pushes <paramref name="roomEvent"/> to <paramref name="members"/> (the room's connections on this transport),
    /// except <paramref name="excluded"/> (connections of the room on any transport). Must not block: a connection
    /// that cannot keep up is dropped, not waited for.
    /// </summary>
    void Deliver(RoomEvent roomEvent, IReadOnlyList<LiveConnection> members, IReadOnlyList<LiveConnection> excluded);
}
