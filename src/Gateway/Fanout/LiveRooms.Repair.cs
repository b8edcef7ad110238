using System.Collections.Immutable;
using Chat.Rooms;

namespace Chat.Gateway.Fanout;

/// <summary>
/// Repair: the room's view of this gateway's connections can diverge from ours (the room was re-activated after a
/// silo failure and rebuilt its presence empty; a leave failed; the lease lapsed and the room dropped us). A sync
/// sends the room our members in one call, replacing what it knew. It runs under the room's lifecycle lock once the
/// in-flight joins and leaves are done, so the snapshot it sends is consistent with what the room has seen.
/// </summary>
public sealed partial class LiveRooms
{
    /// <summary>Rooms checked at once by the periodic check: enough to overlap round trips, few enough to stay gentle.</summary>
    private const int MaxParallelChecks = 8;

    /// <summary>Asks for a sync of the room's view of this gateway, once at a time.</summary>
    internal void RequestSync(LocalRoom room)
    {
        if (room.TryRequestSync())
        {
            _ = Task.Run(() => SyncAsync(room));
        }
    }

    /// <summary>
    /// The periodic check: a room whose epoch changed (it was re-activated and lost its presence) or whose view may
    /// be stale is sent this gateway's connections again.
    /// </summary>
    public async Task CheckRoomsAsync(CancellationToken cancellationToken)
    {
        var rooms = _rooms.Values.Where(room => room.Active).ToArray();
        await Parallel.ForEachAsync(rooms, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelChecks, CancellationToken = cancellationToken }, async (room, _) =>
        {
            try
            {
                if (room.NeedsSync || await Room(room.Id).GetEpoch() != room.Epoch)
                {
                    await SyncAsync(room);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogCheckFailed(_logger, room.Id, exception.Message);
            }
        });
    }

    /// <summary>After the lease lapsed, the cluster may have dropped this gateway from its rooms: send them all again.</summary>
    public Task ResyncAllAsync(CancellationToken cancellationToken)
    {
        foreach (var room in _rooms.Values.Where(room => room.Active))
        {
            room.NeedsSync = true;
        }
        return CheckRoomsAsync(cancellationToken);
    }

    private async Task SyncAsync(LocalRoom room)
    {
        await room.Lifecycle.WaitAsync();
        try
        {
            room.ClearSyncRequest();
            if (!room.Active)
            {
                return;
            }
            await room.WhenDrained();
            var members = room.Members.Values
                .Select(member => new ConnectionPresence(_gatewayId, member.Id, member.UserId, member.Username))
                .ToImmutableArray();
            room.Epoch = await Room(room.Id).SyncGateway(_gatewayId, members);
            room.NeedsSync = false;
            LogSynced(_logger, room.Id, members.Length);
        }
        catch (Exception exception)
        {
            room.NeedsSync = true;
            LogSyncFailed(_logger, room.Id, exception.Message);
        }
        finally
        {
            room.Lifecycle.Release();
        }
        await ReleaseIfIdleAsync(room);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent room {RoomId} this gateway's {Count} connections")]
    private static partial void LogSynced(ILogger logger, string roomId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sync room {RoomId}; retrying at the next check: {Reason}")]
    private static partial void LogSyncFailed(ILogger logger, string roomId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check room {RoomId}: {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, string roomId, string reason);
}
