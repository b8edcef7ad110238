using System.Collections.Concurrent;

namespace Chat.Gateway.Fanout;

/// <summary>
/// The lifecycle of the rooms this gateway has local members in: a room is subscribed and tracked by the lease when
/// its first operation arrives, and unsubscribed, untracked and forgotten after its last member left.
/// </summary>
/// <remarks>
/// A room stays in the table while it is released, so that a joiner waits for the release and then starts afresh
/// (a <see cref="LocalRoom.Removed"/> room is looked up again), and the lease never sees an untrack after the next
/// track. Every path that creates an entry ends in <see cref="ReleaseIfIdleAsync"/>, so no entry outlives its use.
/// </remarks>
internal sealed partial class RoomTable(
    IRoomMembership membership,
    IRoomFeeds feeds,
    IRoomTracker tracker,
    ILiveTransport[] transports,
    Action<LocalRoom> requestSync,
    ILogger logger,
    Action<LocalRoom, LiveConnection[]>? evict = null)
{
    private readonly ConcurrentDictionary<string, LocalRoom> _rooms = new();

    /// <summary>Entries in the table, active or not (a test's view of leaks).</summary>
    public int Count => _rooms.Count;

    public IEnumerable<LocalRoom> ActiveRooms => _rooms.Values.Where(room => room.Active);

    public bool TryGet(string roomId, out LocalRoom room) => _rooms.TryGetValue(roomId, out room!);

    /// <summary>The room's local state, active (subscribed and tracked), with one more operation in flight.</summary>
    public async Task<LocalRoom> AcquireAsync(string roomId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var room = _rooms.GetOrAdd(roomId, id => new LocalRoom(id, transports, requestSync, logger, evict));
            try
            {
                await room.Lifecycle.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Cancelled before the room's first operation: the entry it may have created must not stay forever.
                await ReleaseIfIdleAsync(room);
                throw;
            }
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

    /// <summary>
    /// After the last local member left: unsubscribe, untrack, forget. A room whose view in the cluster may be stale
    /// stays until a sync has corrected it (the sync releases it afterwards). Never throws: the leave or disconnect
    /// that got here has succeeded, whatever the cluster answers now.
    /// </summary>
    public async Task ReleaseIfIdleAsync(LocalRoom room)
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
                await UnsubscribeAndUntrackAsync(room);
            }
            Remove(room);
        }
        finally
        {
            room.Lifecycle.Release();
        }
    }

    private async Task ActivateAsync(LocalRoom room)
    {
        var feed = feeds.SubscribeAsync(room.Id, room);
        var epoch = membership.GetEpochAsync(room.Id);
        var tracked = tracker.TrackAsync(room.Id);
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
        LogRoomActivated(logger, room.Id);
    }

    private async Task UnsubscribeAndUntrackAsync(LocalRoom room)
    {
        try
        {
            if (room.Feed is { } feed)
            {
                room.Feed = null;
                await feed.DisposeAsync();
            }
            await tracker.UntrackAsync(room.Id);
            LogRoomReleased(logger, room.Id);
        }
        catch (Exception exception)
        {
            // A room left tracked costs nothing: when the lease lapses the cluster drops us from a room we have no one in.
            LogReleaseFailed(logger, room.Id, exception.Message);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId} has no local member left, but releasing it failed: {Reason}")]
    private static partial void LogReleaseFailed(ILogger logger, string roomId, string reason);
}
