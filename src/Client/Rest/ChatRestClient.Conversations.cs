using Chat.Contracts;

namespace Chat.Client.Rest;

// Membership, read state, direct messages and room administration (docs/CONVERSATIONS.md).
public sealed partial class ChatRestClient
{
    /// <summary>The caller's rooms (DMs included) with lastSeq, lastReadSeq, unreadCount and mentionCount.</summary>
    public async Task<IReadOnlyList<MyRoomDto>> GetMyRoomsAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<MyRoomsResponse>(HttpMethod.Get, "users/me/rooms", null, cancellationToken)).Rooms;

    /// <summary>Becomes a member of a public room (idempotent). Membership only: live delivery needs a live join.</summary>
    public Task<RoomDto> JoinRoomAsync(string roomId, CancellationToken cancellationToken = default) =>
        SendAsync<RoomDto>(HttpMethod.Post, $"{RoomPath(roomId)}/join", null, cancellationToken);

    /// <summary>Stops being a member; the caller's live connections leave the room.</summary>
    public Task LeaveRoomAsync(string roomId, CancellationToken cancellationToken = default) =>
        SendAsync<object?>(HttpMethod.Post, $"{RoomPath(roomId)}/leave", null, cancellationToken);

    /// <summary>Moves the read position forward to <paramref name="seq"/> (a lower one changes nothing).</summary>
    public Task MarkReadAsync(string roomId, long seq, CancellationToken cancellationToken = default) =>
        SendAsync<object?>(HttpMethod.Put, $"{RoomPath(roomId)}/read", new MarkReadRequest(seq), cancellationToken);

    /// <summary>The direct-message room with <paramref name="username"/>: the same room whoever asks.</summary>
    public Task<RoomDto> OpenDmAsync(string username, CancellationToken cancellationToken = default) =>
        SendAsync<RoomDto>(HttpMethod.Post, "chat/dms", new OpenDmRequest(username), cancellationToken);

    /// <summary>Renames or describes a room (its owner only); null fields stay.</summary>
    public Task<RoomDto> UpdateRoomAsync(string roomId, string? name, string? description, CancellationToken cancellationToken = default) =>
        SendAsync<RoomDto>(HttpMethod.Patch, RoomPath(roomId), new UpdateRoomRequest(name, description), cancellationToken);

    /// <summary>Removes a member (the owner only): they lose access and live delivery at once.</summary>
    public Task RemoveMemberAsync(string roomId, string userId, CancellationToken cancellationToken = default) =>
        SendAsync<object?>(HttpMethod.Delete, $"{RoomPath(roomId)}/members/{Uri.EscapeDataString(userId)}", null, cancellationToken);

    /// <summary>Deletes a room (its owner only; not the default rooms).</summary>
    public Task DeleteRoomAsync(string roomId, CancellationToken cancellationToken = default) =>
        SendAsync<object?>(HttpMethod.Delete, RoomPath(roomId), null, cancellationToken);

    private static string RoomPath(string roomId) => $"chat/rooms/{Uri.EscapeDataString(roomId)}";
}
