using Chat.Conversations;
using Chat.Errors;
using Chat.Rooms;
using Chat.Users;
using Microsoft.Extensions.Logging;

namespace Chat.Grains.Rooms;

// Membership and administration (IRoomMembersGrain): who belongs to the room, what its owner may change, and the
// direct-message rooms. Each change is written first; then the room's stream and the members' user grains are told.
public sealed partial class RoomGrain : IRoomMembersGrain
{
    /// <summary>The creator of the default rooms: nobody owns them, so nobody can rename, remove from or delete them.</summary>
    private const string SystemUserId = "system";

    public Task<RoomSummary> GetSummary(string userId) => Task.FromResult(Summary(RequireAccess(userId)));

    public async Task<RoomSummary> JoinMember(string userId)
    {
        RequireAccess(userId); // a private room the user may enter has them as a member already
        if (state.State.Members.Contains(userId))
        {
            await AnnounceMemberAsync(userId); // idempotent; repairs a list that missed the first announcement
            return Summary(RequireAccess(userId));
        }
        await WriteAsync(() => state.State.Members.Add(userId));
        PublishMemberCount();
        await AnnounceMemberAsync(userId);
        LogMembership(logger, RoomId, userId, "joined");
        return Summary(RequireAccess(userId));
    }

    public async Task LeaveMember(string userId)
    {
        var info = RequireAccess(userId);
        if (info.Kind == RoomKind.Dm)
        {
            throw ChatException.BadRequest("A direct message cannot be left.");
        }
        if (info.OwnerId == userId)
        {
            throw ChatException.Conflict("The owner cannot leave the room; delete it instead.");
        }
        if (state.State.Members.Contains(userId))
        {
            await WriteAsync(() => state.State.Members.Remove(userId));
            PublishMemberCount();
            LogMembership(logger, RoomId, userId, "left");
        }
        await CutOffAsync(userId);
    }

    public async Task RemoveMember(string callerId, string memberUserId)
    {
        var info = RequireOwner(callerId);
        if (memberUserId == info.OwnerId)
        {
            throw ChatException.BadRequest("The owner cannot be removed from their own room; delete the room instead.");
        }
        if (!state.State.Members.Contains(memberUserId))
        {
            throw ChatException.NotFound($"That user is not a member of room '{RoomId}'.");
        }
        await WriteAsync(() =>
        {
            state.State.Members.Remove(memberUserId);
            state.State.Removed.Add(memberUserId);
        });
        PublishMemberCount();
        LogMembership(logger, RoomId, memberUserId, $"removed by {callerId}");
        await CutOffAsync(memberUserId);
    }

    public async Task<RoomInfo> UpdateRoom(string callerId, string? name, string? description)
    {
        var info = RequireOwner(callerId);
        if (name is null && description is null)
        {
            throw ChatException.BadRequest("Nothing to change: give a name, a description or both.");
        }
        var newName = name is null ? info.Name : ChatRules.ValidateRoomName(name);
        var newDescription = description is null ? info.Description : ChatRules.ValidateRoomDescription(description);
        await WriteAsync(() => state.State.Info = state.State.Info! with { Name = newName, Description = newDescription });
        var updated = RequireAccess(callerId);
        if (updated.IsPublic)
        {
            await GrainFactory.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).Update(updated);
        }
        var summary = Summary(updated);
        await NotifyMembersAsync(state.State.Members, member => member.Updated(summary));
        return updated;
    }

    public async Task DeleteRoom(string callerId)
    {
        var info = RequireOwner(callerId);
        await WriteAsync(() => state.State.Deleted = true);
        LogRoomDeleted(logger, RoomId, callerId);
        await _events.PublishMembership(RoomEventKind.RoomDeleted, null);
        if (info.IsPublic)
        {
            await GrainFactory.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).Remove(RoomId);
        }
        await NotifyMembersAsync(state.State.Members, member => member.Removed(RoomId));
    }

    public async Task<RoomInfo> OpenDirect(string callerId, string callerName, string otherId, string otherName)
    {
        if (callerId == otherId)
        {
            throw ChatException.BadRequest("A direct message needs another user: you cannot open one with yourself.");
        }
        if (RoomId != DirectRooms.IdFor(callerId, otherId))
        {
            throw ChatException.BadRequest($"Room '{RoomId}' is not the direct message of these two users.");
        }
        if (state.State.Info is null)
        {
            await CreateDirectAsync(callerId, callerName, otherId, otherName);
        }
        var info = RequireAccess(callerId);
        // Both are told (idempotently), so the room is listed for both even if an earlier opening was interrupted.
        await AnnounceMemberAsync(callerId);
        await AnnounceMemberAsync(otherId);
        return info;
    }

    private async Task CreateDirectAsync(string callerId, string callerName, string otherId, string otherName)
    {
        var (first, second) = string.CompareOrdinal(callerId, otherId) <= 0 ? ((callerId, callerName), (otherId, otherName)) : ((otherId, otherName), (callerId, callerName));
        await WriteAsync(() =>
        {
            if (state.State.Info is not null)
            {
                return; // opened concurrently from the other side
            }
            state.State.Info = new RoomInfo(RoomId, $"{first.Item2}, {second.Item2}", "", IsPublic: false, callerId,
                time.GetUtcNow().ToUnixTimeMilliseconds(), RoomKind.Dm, OwnerId: null, DirectUserIds: [first.Item1, second.Item1]);
            state.State.Members = [first.Item1, second.Item1];
        });
        await _messages.LoadAsync(CancellationToken.None);
        LogRoomCreated(logger, RoomId, false, callerId);
    }

    /// <summary>The stored metadata with what is derived from the rest of the state (kind and owner of rooms made before either existed).</summary>
    private RoomInfo CurrentInfo(RoomInfo info) => info with
    {
        Kind = info.Kind == RoomKind.Public && !info.IsPublic ? RoomKind.Private : info.Kind,
        OwnerId = info.Kind == RoomKind.Dm ? null : info.OwnerId ?? info.CreatedBy,
        MemberCount = state.State.Members.Count,
    };

    private RoomSummary Summary(RoomInfo info) => new(info, _messages.LastSeq, _messages.LastMessageAt, LastChangeSeq: 0);

    private RoomInfo RequireOwner(string callerId)
    {
        var info = RequireAccess(callerId);
        return info.OwnerId == callerId && callerId != SystemUserId
            ? info
            : throw ChatException.Forbidden("Only the room's owner can do that.");
    }

    /// <summary>Applies a change to the state and writes it, one writer at a time.</summary>
    private async Task WriteAsync(Action change)
    {
        await _stateWrite.WaitAsync();
        try
        {
            change();
            await state.WriteStateAsync();
        }
        finally
        {
            _stateWrite.Release();
        }
    }

    /// <summary>Tells a (new) member's user grain, which lists the room on all their devices; unread starts now.</summary>
    private async Task AnnounceMemberAsync(string userId)
    {
        var summary = Summary(RequireAccess(userId));
        if (!summary.Room.IsPublic)
        {
            await GrainFactory.GetGrain<IUserGrain>(userId).AddPrivateRoom(RoomId);
        }
        await GrainFactory.GetGrain<IUserRoomsGrain>(userId).Added(summary, readFrom: summary.LastSeq);
    }

    /// <summary>
    /// A user is no member any more: their connections are dropped from presence, every gateway takes them out of the
    /// room before the next event (<see cref="RoomEventKind.MemberRemoved"/>), and their devices unlist the room.
    /// </summary>
    private async Task CutOffAsync(string userId)
    {
        if (_presence.RemoveUser(userId) is { } left)
        {
            await _events.PublishPresence(RoomEventKind.UserLeft, left);
        }
        await _events.PublishMembership(RoomEventKind.MemberRemoved, new OnlineUser(userId, ""));
        await GrainFactory.GetGrain<IUserRoomsGrain>(userId).Removed(RoomId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomId}: member {UserId} {Change}")]
    private static partial void LogMembership(ILogger logger, string roomId, string userId, string change);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomId} deleted by {UserId}")]
    private static partial void LogRoomDeleted(ILogger logger, string roomId, string userId);
}
