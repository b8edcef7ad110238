using Chat.Errors;
using Chat.Rooms;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Fanout;

/// <summary>
/// This gateway's live connections and the rooms they joined: the join and leave of a connection in the room grain
/// (presence) and locally (delivery). The rooms' subscriptions and lease entries live in <see cref="RoomTable"/>, the
/// repair of a room's view of this gateway in <see cref="RoomRepair"/>.
/// </summary>
/// <remarks>
/// What is guaranteed, whatever the cluster answers: a join either ends with the connection a member here and in the
/// room, or (failed, timed out) with a repair scheduled that makes the room agree with us; a leave or disconnect never
/// throws once the connection is gone locally; no room entry outlives its last operation.
/// </remarks>
public sealed partial class LiveRooms
{
    private readonly ConnectionRegistry _connections = new();
    private readonly RoomTable _rooms;
    private readonly RoomRepair _repair;
    private readonly IRoomMembership _membership;
    private readonly string _gatewayId;
    private readonly FanoutOptions _options;
    private readonly ILogger<LiveRooms> _logger;

    public LiveRooms(
        IRoomMembership membership,
        IRoomFeeds feeds,
        IRoomTracker tracker,
        IEnumerable<ILiveTransport> transports,
        IOptions<FanoutOptions> options,
        ILogger<LiveRooms> logger)
    {
        _membership = membership;
        _gatewayId = tracker.GatewayId;
        _options = options.Value;
        _logger = logger;
        _rooms = new RoomTable(membership, feeds, tracker, [.. transports], room => _repair!.RequestSync(room), logger, Evict);
        _repair = new RoomRepair(_rooms, membership, _gatewayId, logger);
    }

    public int ConnectionCount => _connections.Count;

    /// <summary>Rooms in which this gateway has joined connections (what its lease tracks).</summary>
    public string[] ActiveRoomIds => [.. _rooms.ActiveRooms.Select(room => room.Id)];

    /// <summary>Room entries, active or being released: zero once every connection has gone and the cluster agrees.</summary>
    internal int RoomEntryCount => _rooms.Count;

    /// <summary>Registers a new live connection; it joins no room yet.</summary>
    public void Connect(LiveConnection connection) => _connections.Add(connection);

    /// <summary>The connection is gone: it leaves every room it joined. Idempotent; never throws.</summary>
    public async Task DisconnectAsync(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var connection))
        {
            return;
        }
        var rooms = connection.Close();
        await Task.WhenAll(rooms.Select(roomId => LeaveCoreAsync(connection, roomId)));
    }

    /// <summary>
    /// Joins a connection to a room: the room is subscribed and tracked first, then the room grain registers the
    /// connection (and checks access), then local delivery starts. Joining twice is harmless.
    /// </summary>
    public async Task<JoinResult> JoinAsync(string connectionId, string roomId, CancellationToken cancellationToken = default)
    {
        var connection = _connections.Find(connectionId);
        if (!connection.IsInRoom(roomId) && connection.RoomCount >= _options.MaxRoomsPerConnection)
        {
            throw ChatException.BadRequest($"A connection may join at most {_options.MaxRoomsPerConnection} rooms.");
        }

        var room = await _rooms.AcquireAsync(roomId, cancellationToken);
        try
        {
            var result = await JoinRoomGrainAsync(room, connection);
            if (connection.TryAddRoom(roomId))
            {
                room.AddMember(connection);
                await connection.Transport.AddToRoomAsync(connection, roomId);
            }
            if (connection.IsClosed)
            {
                // It disconnected while joining: its disconnect may have missed this room, so leave for it.
                room.RemoveMember(connection);
                await TryLeaveRoomGrainAsync(room, connection.Id);
            }
            return result;
        }
        finally
        {
            room.EndOperation();
            await _rooms.ReleaseIfIdleAsync(room);
        }
    }

    /// <summary>Leaves a room; leaving a room the connection is not in does nothing. Never throws once it has left locally.</summary>
    public async Task LeaveAsync(string connectionId, string roomId)
    {
        var connection = _connections.Find(connectionId);
        if (connection.TryRemoveRoom(roomId))
        {
            await LeaveCoreAsync(connection, roomId);
        }
    }

    /// <summary>Connections whose user lost the room (removed, left, room deleted) leave it, as if they had asked to.</summary>
    private void Evict(LocalRoom room, LiveConnection[] connections)
    {
        foreach (var connection in connections)
        {
            if (connection.TryRemoveRoom(room.Id))
            {
                _ = LeaveCoreAsync(connection, room.Id);
            }
        }
    }

    /// <summary>The periodic check (<see cref="RoomRepair.CheckAsync"/>).</summary>
    public Task CheckRoomsAsync(CancellationToken cancellationToken) => _repair.CheckAsync(cancellationToken);

    /// <summary>After the lease lapsed, the cluster may have dropped this gateway from its rooms: each needs a sync.</summary>
    public void MarkAllForResync() => _repair.MarkAll();

    /// <summary>
    /// The room's answer decides: a refusal (<see cref="ChatException"/>, thrown before the room registers anything)
    /// passes through; any other failure (a time-out, a lost silo) leaves it unknown whether the room registered the
    /// connection, so the room is told to forget it and a sync is scheduled (a late join would otherwise be a ghost).
    /// </summary>
    private async Task<JoinResult> JoinRoomGrainAsync(LocalRoom room, LiveConnection connection)
    {
        try
        {
            return await _membership.JoinAsync(room.Id, new ConnectionPresence(_gatewayId, connection.Id, connection.UserId, connection.Username));
        }
        catch (Exception exception) when (exception is not ChatException)
        {
            LogJoinUncertain(_logger, room.Id, exception.Message);
            room.MarkNeedsSync();
            await TryLeaveRoomGrainAsync(room, connection.Id);
            throw;
        }
    }

    private async Task LeaveCoreAsync(LiveConnection connection, string roomId)
    {
        if (!_rooms.TryGet(roomId, out var room))
        {
            return;
        }
        // Under the lifecycle lock, so that a sync never sends a snapshot taken before this leave after it.
        await room.Lifecycle.WaitAsync();
        try
        {
            room.BeginOperation();
            room.RemoveMember(connection);
        }
        finally
        {
            room.Lifecycle.Release();
        }
        try
        {
            await connection.Transport.RemoveFromRoomAsync(connection, roomId);
        }
        catch (Exception exception)
        {
            LogTransportLeaveFailed(_logger, connection.Id, roomId, exception.Message);
        }
        try
        {
            await TryLeaveRoomGrainAsync(room, connection.Id);
        }
        finally
        {
            room.EndOperation();
            await _rooms.ReleaseIfIdleAsync(room);
        }
    }

    private async Task TryLeaveRoomGrainAsync(LocalRoom room, string connectionId)
    {
        try
        {
            await _membership.LeaveAsync(room.Id, _gatewayId, connectionId);
        }
        catch (Exception exception)
        {
            // The room still counts the connection; the next check sends it our members and so removes it.
            room.MarkNeedsSync();
            LogLeaveFailed(_logger, room.Id, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Joining room {RoomId} failed without an answer; the room is told to forget the connection and synced: {Reason}")]
    private static partial void LogJoinUncertain(ILogger logger, string roomId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not leave room {RoomId}; the next check repairs it: {Reason}")]
    private static partial void LogLeaveFailed(ILogger logger, string roomId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId} left room {RoomId}, but its transport's grouping failed: {Reason}")]
    private static partial void LogTransportLeaveFailed(ILogger logger, string connectionId, string roomId, string reason);
}
