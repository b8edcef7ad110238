using System.Collections.Immutable;
using Chat.Errors;
using Chat.Gateway.Fanout;
using Chat.Rooms;

namespace Chat.Gateway.Tests.Fanout;

/// <summary>
/// The room grains as the fan-out sees them: per room, the connections it counts online and its epoch. Each call
/// can be held at a gate or made to fail, so a test decides the interleaving.
/// </summary>
internal sealed class FakeRooms : IRoomMembership
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, ConnectionPresence>> _presence = [];
    private readonly Dictionary<string, Guid> _epochs = [];
    private readonly HashSet<string> _forbidden = [];

    /// <summary>Runs after the room registered a join, before it answers (a time-out after registration throws here).</summary>
    public Func<string, ConnectionPresence, Task>? AfterJoinRegistered { get; set; }

    /// <summary>Runs after the room applied a sync, before it answers.</summary>
    public Func<string, Task>? AfterSyncApplied { get; set; }

    public Func<string, Task>? BeforeEpoch { get; set; }

    public Func<string, string, Task>? BeforeLeave { get; set; }

    public int SyncCalls { get; private set; }

    public void Forbid(string roomId)
    {
        lock (_gate)
        {
            _forbidden.Add(roomId);
        }
    }

    public async Task<JoinResult> JoinAsync(string roomId, ConnectionPresence connection)
    {
        await Task.Yield();
        lock (_gate)
        {
            if (_forbidden.Contains(roomId))
            {
                throw ChatException.RoomNotFound(roomId);
            }
            Room(roomId)[connection.ConnectionId] = connection;
        }
        if (AfterJoinRegistered is { } after)
        {
            await after(roomId, connection);
        }
        return new JoinResult(new RoomInfo(roomId, roomId, "", true, "creator", 0), [], 0);
    }

    public async Task LeaveAsync(string roomId, string gatewayId, string connectionId)
    {
        await Task.Yield();
        if (BeforeLeave is { } before)
        {
            await before(roomId, connectionId);
        }
        lock (_gate)
        {
            Room(roomId).Remove(connectionId);
        }
    }

    public async Task<Guid> SyncGatewayAsync(string roomId, string gatewayId, ImmutableArray<ConnectionPresence> connections)
    {
        await Task.Yield();
        Guid epoch;
        lock (_gate)
        {
            SyncCalls++;
            var room = Room(roomId);
            foreach (var stale in room.Values.Where(c => c.GatewayId == gatewayId).ToList())
            {
                room.Remove(stale.ConnectionId);
            }
            foreach (var connection in connections)
            {
                room[connection.ConnectionId] = connection;
            }
            epoch = Epoch(roomId);
        }
        if (AfterSyncApplied is { } after)
        {
            await after(roomId);
        }
        return epoch;
    }

    public async Task<Guid> GetEpochAsync(string roomId)
    {
        await Task.Yield();
        if (BeforeEpoch is { } before)
        {
            await before(roomId);
        }
        lock (_gate)
        {
            return Epoch(roomId);
        }
    }

    /// <summary>The connections the room counts online.</summary>
    public string[] Online(string roomId)
    {
        lock (_gate)
        {
            return [.. Room(roomId).Keys.Order()];
        }
    }

    /// <summary>The gateway's lease lapsed: every room forgets its connections.</summary>
    public void DropGateway(string gatewayId)
    {
        lock (_gate)
        {
            foreach (var room in _presence.Values)
            {
                foreach (var stale in room.Values.Where(c => c.GatewayId == gatewayId).ToList())
                {
                    room.Remove(stale.ConnectionId);
                }
            }
        }
    }

    /// <summary>The room grain was re-activated (a silo died): its presence is empty and its epoch new.</summary>
    public Guid Reactivate(string roomId)
    {
        lock (_gate)
        {
            Room(roomId).Clear();
            return _epochs[roomId] = Guid.NewGuid();
        }
    }

    public Guid CurrentEpoch(string roomId)
    {
        lock (_gate)
        {
            return Epoch(roomId);
        }
    }

    private Dictionary<string, ConnectionPresence> Room(string roomId) =>
        _presence.TryGetValue(roomId, out var room) ? room : _presence[roomId] = [];

    private Guid Epoch(string roomId) =>
        _epochs.TryGetValue(roomId, out var epoch) ? epoch : _epochs[roomId] = Guid.NewGuid();
}
