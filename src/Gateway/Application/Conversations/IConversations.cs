using Chat.Conversations;
using Chat.Rooms;

namespace Chat.Gateway.Application.Conversations;

/// <summary>
/// The commands of membership, read state, direct messages and room administration, behind every transport (the same
/// pattern as <see cref="IChatApplication"/>: input checked here, identity from the <see cref="Caller"/> only, the
/// owning grain checks again; refusals are <see cref="Chat.Errors.ChatException"/>s).
/// </summary>
public interface IConversations
{
    /// <summary>The caller's rooms with their read state, fetched from all rooms at once (not one after another).</summary>
    Task<IReadOnlyList<RoomListing>> ListMyRoomsAsync(Caller caller, CancellationToken cancellationToken = default);

    /// <summary>Makes the caller a member of a public room (idempotent).</summary>
    Task<RoomInfo> JoinAsync(Caller caller, string? roomId, CancellationToken cancellationToken = default);

    /// <summary>The caller stops being a member; their live connections leave the room.</summary>
    Task LeaveAsync(Caller caller, string? roomId, CancellationToken cancellationToken = default);

    /// <summary>Moves the caller's read position forward; a seq beyond the room's last message is BadRequest.</summary>
    Task<RoomReadState> MarkReadAsync(Caller caller, string? roomId, long? seq, CancellationToken cancellationToken = default);

    /// <summary>The direct-message room of the caller and <paramref name="username"/> (the same one from either side).</summary>
    Task<RoomInfo> OpenDirectAsync(Caller caller, string? username, CancellationToken cancellationToken = default);

    Task<RoomInfo> UpdateRoomAsync(Caller caller, string? roomId, string? name, string? description, CancellationToken cancellationToken = default);

    Task RemoveMemberAsync(Caller caller, string? roomId, string? userId, CancellationToken cancellationToken = default);

    Task DeleteRoomAsync(Caller caller, string? roomId, CancellationToken cancellationToken = default);
}
