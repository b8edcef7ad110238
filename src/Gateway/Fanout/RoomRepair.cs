using System.Collections.Immutable;
using Chat.Rooms;

namespace Chat.Gateway.Fanout;

/// <summary>
/// Repair: the room's view of this gateway's connections can diverge from ours (the room was re-activated after a
/// silo failure and rebuilt its presence empty; a join timed out after the room registered it; a leave failed; the
/// lease lapsed and the room dropped us). A sync sends the room our members in one call, replacing what it knew. It
/// runs under the room's lifecycle lock once the in-flight joins and leaves are done, so the snapshot it sends is
/// consistent with what the room has seen.
/// </summary>
internal sealed partial class RoomRepair(RoomTable rooms, IRoomMembership membership, string gatewayId, ILogger logger)
{
    /// <summary>Rooms checked at once by the periodic check: enough to overlap round trips, few enough to stay gentle.</summary>
    private const int MaxParallelChecks = 8;

    /// <summary>Asks for a sync of the room's view of this gateway, once at a time.</summary>
    public void RequestSync(LocalRoom room)
    {
        if (room.TryRequestSync())
        {
            _ = Task.Run(() => SyncAsync(room));
        }
    }

    /// <summary>Every active room needs a sync (the lease lapsed). Returns at once; the syncs run at the next check.</summary>
    public void MarkAll()
    {
        foreach (var room in rooms.ActiveRooms)
        {
            room.MarkNeedsSync();
        }
    }

    /// <summary>
    /// The periodic check: a room whose epoch changed (it was re-activated and lost its presence) or whose view may
    /// be stale is sent this gateway's connections again. One room's failure, time-out or cancelled call is logged
    /// and retried at the next check; only the caller's own cancellation ends the pass.
    /// </summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var active = rooms.ActiveRooms.ToArray();
        await Parallel.ForEachAsync(active, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelChecks, CancellationToken = cancellationToken }, async (room, _) =>
        {
            try
            {
                if (room.NeedsSync || await membership.GetEpochAsync(room.Id) != room.Epoch)
                {
                    await SyncAsync(room);
                }
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                LogCheckFailed(logger, room.Id, exception.Message);
            }
        });
    }

    private async Task SyncAsync(LocalRoom room)
    {
        await room.Lifecycle.WaitAsync();
        try
        {
            room.ClearSyncRequest();
            // A request made after this point (a lapse, a failed leave) is newer than the snapshot: it stays pending.
            var version = room.SyncVersion;
            if (!room.Active)
            {
                return;
            }
            await room.WhenDrained();
            var members = room.Members.Values
                .Select(member => new ConnectionPresence(gatewayId, member.Id, member.UserId, member.Username))
                .ToImmutableArray();
            room.Epoch = await membership.SyncGatewayAsync(room.Id, gatewayId, members);
            room.MarkSynced(version);
            LogSynced(logger, room.Id, members.Length);
        }
        catch (Exception exception)
        {
            room.MarkNeedsSync();
            LogSyncFailed(logger, room.Id, exception.Message);
        }
        finally
        {
            room.Lifecycle.Release();
        }
        await rooms.ReleaseIfIdleAsync(room);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent room {RoomId} this gateway's {Count} connections")]
    private static partial void LogSynced(ILogger logger, string roomId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sync room {RoomId}; retrying at the next check: {Reason}")]
    private static partial void LogSyncFailed(ILogger logger, string roomId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check room {RoomId}: {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, string roomId, string reason);
}
