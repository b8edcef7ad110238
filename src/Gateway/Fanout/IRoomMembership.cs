using System.Collections.Immutable;
using Chat.Rooms;

namespace Chat.Gateway.Fanout;

/// <summary>
/// The room grain calls the fan-out makes: what each room knows of this gateway's connections. A seam, so that the
/// concurrent gateway code can be driven against a fake cluster with controlled delays, failures and ordering.
/// </summary>
public interface IRoomMembership
{
    /// <summary>Registers the connection in the room (and checks access); the room publishes UserJoined for a user's first.</summary>
    Task<JoinResult> JoinAsync(string roomId, ConnectionPresence connection);

    /// <summary>Removes the connection from the room. Idempotent.</summary>
    Task LeaveAsync(string roomId, string gatewayId, string connectionId);

    /// <summary>Replaces what the room knows of the gateway's connections; returns the room's epoch.</summary>
    Task<Guid> SyncGatewayAsync(string roomId, string gatewayId, ImmutableArray<ConnectionPresence> connections);

    /// <summary>The room activation's epoch (a new one means its presence was rebuilt empty).</summary>
    Task<Guid> GetEpochAsync(string roomId);
}

/// <summary><see cref="IRoomMembership"/> over the cluster's room grains.</summary>
public sealed class ClusterRoomMembership(IClusterClient cluster) : IRoomMembership
{
    public Task<JoinResult> JoinAsync(string roomId, ConnectionPresence connection) => Room(roomId).Join(connection);

    public Task LeaveAsync(string roomId, string gatewayId, string connectionId) => Room(roomId).Leave(gatewayId, connectionId);

    public Task<Guid> SyncGatewayAsync(string roomId, string gatewayId, ImmutableArray<ConnectionPresence> connections) =>
        Room(roomId).SyncGateway(gatewayId, connections);

    public Task<Guid> GetEpochAsync(string roomId) => Room(roomId).GetEpoch();

    private IRoomGrain Room(string roomId) => cluster.GetGrain<IRoomGrain>(roomId);
}
