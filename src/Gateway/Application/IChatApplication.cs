using Chat.Messages;
using Chat.Rooms;
using Chat.Users;

namespace Chat.Gateway.Application;

/// <summary>A successful register or login.</summary>
public sealed record AuthResult(string Token, UserProfile User);

/// <summary>The body of <c>POST /chat/rooms</c>; an absent id is derived from the name.</summary>
public sealed record CreateRoomRequest(string? Id, string? Name, string? Description, bool IsPublic);

/// <summary>
/// The one application layer every transport (SignalR hub, raw WebSocket, REST, gRPC) calls. Each rule and
/// limit of docs/PROTOCOL.md is enforced behind this interface, once. Refusals are thrown as
/// <see cref="Chat.Errors.ChatException"/>; each transport translates them exactly once.
/// </summary>
public interface IChatApplication
{
    Task<AuthResult> RegisterAsync(string? username, string? email, string? password, CancellationToken cancellationToken = default);

    /// <summary>Matches the username case-insensitively; bad credentials are Unauthorized.</summary>
    Task<AuthResult> LoginAsync(string? username, string? password, CancellationToken cancellationToken = default);

    /// <summary>Revokes every token the caller holds (this one included) on every transport.</summary>
    Task LogoutAsync(Caller caller, CancellationToken cancellationToken = default);

    /// <summary>A user's profile; a null or empty <paramref name="userId"/> means the caller.</summary>
    Task<UserProfile> GetUserAsync(Caller caller, string? userId, CancellationToken cancellationToken = default);

    Task<UserProfile> UpdateProfileAsync(Caller caller, string? email, string? avatar, string? displayName, CancellationToken cancellationToken = default);

    /// <summary>Public rooms and the caller's private rooms.</summary>
    Task<IReadOnlyList<RoomInfo>> ListRoomsAsync(Caller caller, CancellationToken cancellationToken = default);

    Task<RoomInfo> CreateRoomAsync(Caller caller, CreateRoomRequest request, CancellationToken cancellationToken = default);

    Task AddMemberAsync(Caller caller, string? roomId, string? username, CancellationToken cancellationToken = default);

    /// <summary>Durable before it returns; a retry with a known clientMessageId returns the original with Created = false.</summary>
    Task<SendResult> SendMessageAsync(Caller caller, string? roomId, string? content, string? clientMessageId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ChatMessage>> GetMessagesAsync(Caller caller, string? roomId, long? beforeSeq, long? afterSeq, int? limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OnlineUser>> GetOnlineUsersAsync(Caller caller, string? roomId, CancellationToken cancellationToken = default);

    /// <summary>Joins the caller's live connection (<see cref="Caller.ConnectionId"/> required) to a room.</summary>
    Task<JoinResult> JoinRoomAsync(Caller caller, string? roomId, CancellationToken cancellationToken = default);

    Task LeaveRoomAsync(Caller caller, string? roomId, CancellationToken cancellationToken = default);
}
