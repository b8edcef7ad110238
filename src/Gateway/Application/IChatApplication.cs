using Chat.Gateway.Fanout;
using Chat.Messages;
using Chat.Rooms;
using Chat.Users;

namespace Chat.Gateway.Application;

/// <summary>A successful register or login.</summary>
public sealed record AuthResult(string Token, UserProfile User);

/// <summary>The body of <c>POST /chat/rooms</c>; an absent id is derived from the name.</summary>
public sealed record CreateRoomRequest(string? Id, string? Name, string? Description, bool IsPublic);

/// <summary>
/// The one seam between the transports (SignalR hub, raw WebSocket, REST, gRPC) and the cluster: transports are thin
/// adapters that take the caller from the token, call one method here and map the answer. Each rule and limit of
/// docs/PROTOCOL.md is checked behind this interface once (and once more in the grain that owns the data); the
/// metrics of a command are recorded here, not in the transports. Refusals are thrown as
/// <see cref="Chat.Errors.ChatException"/>; each transport translates them exactly once through the error catalog.
/// Commands follow one pattern: a command that is one or two grain calls is a method of <see cref="ChatApplication"/>;
/// one that coordinates more (hashing, several grains, a retry) is a handler class in <c>Application/&lt;Area&gt;/&lt;Verb&gt;.cs</c>
/// with <c>HandleAsync(..., CancellationToken)</c>. Every method forwards its token to what it awaits.
/// </summary>
public partial interface IChatApplication
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

    /// <summary>Registers the caller's new live connection (<see cref="Caller.ConnectionId"/> is its id); it joins no room yet.</summary>
    Task ConnectAsync(Caller caller, LiveConnection connection, CancellationToken cancellationToken = default);

    /// <summary>
    /// The caller's live connection is gone: it leaves every room it joined. Idempotent. It runs to the end even
    /// when <paramref name="cancellationToken"/> fires, so presence never keeps a ghost.
    /// </summary>
    Task DisconnectAsync(Caller caller, CancellationToken cancellationToken = default);
}
