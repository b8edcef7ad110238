using System.Collections.Concurrent;
using Chat.Errors;
using Chat.Gateway.Application;
using Chat.Gateway.Hosting;
using Chat.Gateway.Lease;
using Chat.Rooms;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Fanout;

/// <summary>
/// This gateway's live connections and the rooms they joined: the join and leave of a connection in the room grain
/// (presence) and locally (delivery), one stream subscription and one lease entry per room with local members, and
/// the repair of the room's view of this gateway when it may have diverged (a new room epoch, a lost subscription,
/// a failed leave, a lapsed lease).
/// </summary>
public sealed partial class LiveRooms
{
    private readonly ConcurrentDictionary<string, LiveConnection> _connections = new();
    private readonly ConcurrentDictionary<string, LocalRoom> _rooms = new();
    private readonly IClusterClient _cluster;
    private readonly IRoomFeeds _feeds;
    private readonly GatewayLease _lease;
    private readonly ILiveTransport[] _transports;
    private readonly string _gatewayId;
    private readonly FanoutOptions _options;
    private readonly ILogger<LiveRooms> _logger;

    public LiveRooms(
        IClusterClient cluster,
        IRoomFeeds feeds,
        GatewayLease lease,
        IEnumerable<ILiveTransport> transports,
        IOptions<ChatGatewayOptions> gateway,
        IOptions<FanoutOptions> options,
        ILogger<LiveRooms> logger)
    {
        _cluster = cluster;
        _feeds = feeds;
        _lease = lease;
        _transports = [.. transports];
        _gatewayId = gateway.Value.Id;
        _options = options.Value;
        _logger = logger;
    }

    public int ConnectionCount => _connections.Count;

    /// <summary>Rooms in which this gateway has joined connections (what its lease tracks).</summary>
    public string[] ActiveRoomIds => [.. _rooms.Values.Where(room => room.Active).Select(room => room.Id)];

    /// <summary>Registers a new live connection; it joins no room yet.</summary>
    public void Connect(LiveConnection connection)
    {
        if (!_connections.TryAdd(connection.Id, connection))
        {
            throw new InvalidOperationException($"Connection {connection.Id} is already registered.");
        }
    }

    /// <summary>The connection is gone: it leaves every room it joined. Idempotent.</summary>
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
        var connection = Find(connectionId);
        if (!connection.IsInRoom(roomId) && connection.RoomCount >= _options.MaxRoomsPerConnection)
        {
            throw ChatException.BadRequest($"A connection may join at most {_options.MaxRoomsPerConnection} rooms.");
        }

        var room = await AcquireAsync(roomId, cancellationToken);
        try
        {
            var result = await Room(roomId).Join(new ConnectionPresence(_gatewayId, connection.Id, connection.UserId, connection.Username));
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
            await ReleaseIfIdleAsync(room);
        }
    }

    /// <summary>Leaves a room; leaving a room the connection is not in does nothing.</summary>
    public async Task LeaveAsync(string connectionId, string roomId)
    {
        var connection = Find(connectionId);
        if (connection.TryRemoveRoom(roomId))
        {
            await LeaveCoreAsync(connection, roomId);
        }
    }

    private LiveConnection Find(string connectionId) =>
        _connections.TryGetValue(connectionId, out var connection)
            ? connection
            : throw new InvalidOperationException($"Connection {connectionId} is not registered (or has closed).");

    private IRoomGrain Room(string roomId) => _cluster.GetGrain<IRoomGrain>(roomId);

    /// <summary>The room's local state, active (subscribed and tracked), with one more operation in flight.</summary>
    private async Task<LocalRoom> AcquireAsync(string roomId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var room = _rooms.GetOrAdd(roomId, id => new LocalRoom(id, _transports, this));
            await room.Lifecycle.WaitAsync(cancellationToken);
            try
            {
                if (room.Removed)
                {
                    continue;
                }
                if (!room.Active)
                {
                    await ActivateAsync(room);
                }
                room.BeginOperation();
                return room;
            }
            catch when (!room.Active && room.IsIdle)
            {
                Remove(room);
                throw;
            }
            finally
            {
                room.Lifecycle.Release();
            }
        }
    }

    private async Task ActivateAsync(LocalRoom room)
    {
        var feed = _feeds.SubscribeAsync(room.Id, room);
        var epoch = Room(room.Id).GetEpoch();
        var tracked = _lease.TrackAsync(room.Id);
        try
        {
            await Task.WhenAll(feed, epoch, tracked);
        }
        catch
        {
            if (feed.IsCompletedSuccessfully)
            {
                await feed.Result.DisposeAsync();
            }
            throw;
        }
        room.Feed = feed.Result;
        room.Epoch = epoch.Result;
        room.Active = true;
        LogRoomActivated(_logger, room.Id);
    }

    private async Task LeaveCoreAsync(LiveConnection connection, string roomId)
    {
        if (!_rooms.TryGetValue(roomId, out var room))
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
            await TryLeaveRoomGrainAsync(room, connection.Id);
        }
        finally
        {
            room.EndOperation();
            await ReleaseIfIdleAsync(room);
        }
    }

    private async Task TryLeaveRoomGrainAsync(LocalRoom room, string connectionId)
    {
        try
        {
            await Room(room.Id).Leave(_gatewayId, connectionId);
        }
        catch (Exception exception)
        {
            // The room still counts the connection; the next check sends it our members and so removes it.
            room.NeedsSync = true;
            LogLeaveFailed(_logger, room.Id, exception.Message);
        }
    }

    /// <summary>
    /// After the last local member left: unsubscribe, untrack, forget. It stays in the table while it is released,
    /// so a joiner waits and then starts afresh, and the lease never sees an untrack after the next track.
    /// </summary>
    private async Task ReleaseIfIdleAsync(LocalRoom room)
    {
        if (!room.IsIdle)
        {
            return;
        }
        await room.Lifecycle.WaitAsync();
        try
        {
            if (room.Removed || !room.IsIdle || (room.Active && room.NeedsSync))
            {
                return;
            }
            if (room.Active)
            {
                room.Active = false;
                if (room.Feed is not null)
                {
                    await room.Feed.DisposeAsync();
                }
                await _lease.UntrackAsync(room.Id);
                LogRoomReleased(_logger, room.Id);
            }
            Remove(room);
        }
        finally
        {
            room.Lifecycle.Release();
        }
    }

    private void Remove(LocalRoom room)
    {
        room.Removed = true;
        _rooms.TryRemove(KeyValuePair.Create(room.Id, room));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Room {RoomId} has local members: subscribed and tracked")]
    private static partial void LogRoomActivated(ILogger logger, string roomId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Room {RoomId} has no local member left: released")]
    private static partial void LogRoomReleased(ILogger logger, string roomId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not leave room {RoomId}; the next check repairs it: {Reason}")]
    private static partial void LogLeaveFailed(ILogger logger, string roomId, string reason);
}
