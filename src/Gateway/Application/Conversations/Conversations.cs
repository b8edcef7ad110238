using Chat.Conversations;
using Chat.Errors;
using Chat.Rooms;
using Chat.Users;

namespace Chat.Gateway.Application.Conversations;

/// <summary>
/// <see cref="IConversations"/> over the cluster: the user's <see cref="IUserRoomsGrain"/> holds where they read, each
/// room's <see cref="IRoomMembersGrain"/> who belongs and where its messages stand.
/// </summary>
public sealed class Conversations(IClusterClient cluster) : IConversations
{
    /// <summary>User ids are made by the server; anything longer than this is not one.</summary>
    private const int UserIdMaxLength = 64;

    public async Task<IReadOnlyList<RoomListing>> ListMyRoomsAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        var reads = await UserRooms(caller.UserId).GetReadStates().WaitAsync(cancellationToken);
        // Every room at once: a user in 500 rooms costs one round trip of parallel calls, not 500 in a row.
        var summaries = await Task.WhenAll(reads.Select(read => TrySummaryAsync(caller.UserId, read.RoomId))).WaitAsync(cancellationToken);
        var listings = new List<RoomListing>(reads.Length);
        for (var i = 0; i < reads.Length; i++)
        {
            if (summaries[i] is { } summary)
            {
                listings.Add(new RoomListing(summary, reads[i]));
            }
        }
        return listings;
    }

    public async Task<RoomInfo> JoinAsync(Caller caller, string? roomId, CancellationToken cancellationToken = default)
    {
        ChatRules.ValidateRoomId(roomId);
        return (await Members(roomId).JoinMember(caller.UserId).WaitAsync(cancellationToken)).Room;
    }

    public Task LeaveAsync(Caller caller, string? roomId, CancellationToken cancellationToken = default)
    {
        ChatRules.ValidateRoomId(roomId);
        return Members(roomId).LeaveMember(caller.UserId).WaitAsync(cancellationToken);
    }

    public async Task<RoomReadState> MarkReadAsync(Caller caller, string? roomId, long? seq, CancellationToken cancellationToken = default)
    {
        ChatRules.ValidateRoomId(roomId);
        if (seq is not { } position || position < 0)
        {
            throw ChatException.BadRequest("seq is required: the seq of the last message read (0 or more).");
        }
        var summary = await Members(roomId).GetSummary(caller.UserId).WaitAsync(cancellationToken);
        if (position > summary.LastSeq)
        {
            throw ChatException.BadRequest($"seq {position} is beyond the last message of room '{roomId}' (seq {summary.LastSeq}).");
        }
        return await UserRooms(caller.UserId).MarkRead(roomId, position).WaitAsync(cancellationToken);
    }

    public async Task<RoomInfo> OpenDirectAsync(Caller caller, string? username, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(username))
        {
            throw ChatException.BadRequest("username is required: the user to open a direct message with.");
        }
        var otherId = await cluster.GetGrain<IUsernameIndexGrain>(ChatRules.Normalize(username)).Resolve().WaitAsync(cancellationToken)
            ?? throw ChatException.NotFound($"User '{username.Trim()}' was not found.");
        if (otherId == caller.UserId)
        {
            throw ChatException.BadRequest("A direct message needs another user: you cannot open one with yourself.");
        }
        var other = await cluster.GetGrain<IUserGrain>(otherId).GetProfile().WaitAsync(cancellationToken)
            ?? throw ChatException.NotFound($"User '{username.Trim()}' was not found.");
        return await Members(DirectRooms.IdFor(caller.UserId, otherId))
            .OpenDirect(caller.UserId, caller.Username, otherId, other.Username).WaitAsync(cancellationToken);
    }

    public Task<RoomInfo> UpdateRoomAsync(Caller caller, string? roomId, string? name, string? description, CancellationToken cancellationToken = default)
    {
        ChatRules.ValidateRoomId(roomId);
        if (name is null && description is null)
        {
            throw ChatException.BadRequest("Nothing to change: give a name, a description or both.");
        }
        var newName = name is null ? null : ChatRules.ValidateRoomName(name);
        var newDescription = description is null ? null : ChatRules.ValidateRoomDescription(description);
        return Members(roomId).UpdateRoom(caller.UserId, newName, newDescription).WaitAsync(cancellationToken);
    }

    public Task RemoveMemberAsync(Caller caller, string? roomId, string? userId, CancellationToken cancellationToken = default)
    {
        ChatRules.ValidateRoomId(roomId);
        if (string.IsNullOrWhiteSpace(userId) || userId.Length > UserIdMaxLength)
        {
            throw ChatException.BadRequest($"userId must be a user's id (1-{UserIdMaxLength} characters).");
        }
        return Members(roomId).RemoveMember(caller.UserId, userId).WaitAsync(cancellationToken);
    }

    public Task DeleteRoomAsync(Caller caller, string? roomId, CancellationToken cancellationToken = default)
    {
        ChatRules.ValidateRoomId(roomId);
        return Members(roomId).DeleteRoom(caller.UserId).WaitAsync(cancellationToken);
    }

    /// <summary>The room as the member may see it, or null once it is gone (deleted, or they lost access meanwhile).</summary>
    private async Task<RoomSummary?> TrySummaryAsync(string userId, string roomId)
    {
        try
        {
            return await Members(roomId).GetSummary(userId);
        }
        catch (ChatException exception) when (exception.Code == ChatErrorCode.NotFound)
        {
            return null;
        }
    }

    private IRoomMembersGrain Members(string roomId) => cluster.GetGrain<IRoomMembersGrain>(roomId);

    private IUserRoomsGrain UserRooms(string userId) => cluster.GetGrain<IUserRoomsGrain>(userId);
}
