using System.Diagnostics;
using Chat.Attachments;
using Chat.Errors;
using Chat.Gateway.Application.Presence;
using Chat.Gateway.Application.Rooms;
using Chat.Gateway.Application.Users;
using Chat.Gateway.Fanout;
using Chat.Gateway.Observability;
using Chat.Gateway.Presence;
using Chat.Messages;
using Chat.Rooms;
using Chat.Users;

namespace Chat.Gateway.Application;

/// <summary>
/// The commands of the chat, behind every transport: input is checked with <see cref="ChatRules"/> before anything
/// reaches a grain, identity comes from the <see cref="Caller"/> only, and each command is one or two grain calls.
/// Grain calls are awaited with the caller's token: when the caller goes away, the gateway stops waiting (the grain
/// finishes on its own; a send retried with its clientMessageId is never stored twice).
/// </summary>
public sealed partial class ChatApplication(
    IClusterClient cluster,
    RegisterUser registerUser,
    LogIn logIn,
    CreateRoom createRoom,
    Attachments.UploadAttachment uploadAttachment,
    LiveRooms liveRooms,
    UserConnections userConnections,
    GatewayMetrics metrics,
    LocalUsers users,
    TypingThrottle typing,
    GetProfiles getProfiles,
    Sessions.SessionCommands sessions,
    ListRooms listRooms,
    Messages.SendBudget sendBudget) : IChatApplication
{
    public Task<AuthResult> RegisterAsync(string? username, string? email, string? password, CancellationToken cancellationToken = default) =>
        registerUser.HandleAsync(username, email, password, cancellationToken);

    public Task<AuthResult> LoginAsync(string? username, string? password, CancellationToken cancellationToken = default) =>
        logIn.HandleAsync(username, password, cancellationToken);

    public Task LogoutAsync(Caller caller, CancellationToken cancellationToken = default) =>
        sessions.LogoutAsync(caller, cancellationToken);

    public async Task<UserProfile> GetUserAsync(Caller caller, string? userId, CancellationToken cancellationToken = default)
    {
        var self = string.IsNullOrEmpty(userId) || userId == caller.UserId;
        if (!self && !Auth.RefreshTokens.IsWellFormedId(userId!))
        {
            // Not an id this system mints: no grain is activated (nor a database read made) for it.
            throw ChatException.NotFound("User not found.");
        }
        var profile = await User(self ? caller.UserId : userId!).GetProfile().WaitAsync(cancellationToken)
            ?? throw ChatException.NotFound("User not found.");
        // An address is personal: only its owner sees it.
        return self ? profile : profile with { Email = "" };
    }

    public Task<UserProfile> UpdateProfileAsync(Caller caller, string? email, string? avatar, string? displayName, CancellationToken cancellationToken = default)
    {
        if (email is not null)
        {
            ChatRules.ValidateEmail(email);
        }
        var update = new ProfileUpdate(
            email,
            avatar is null ? null : ChatRules.ValidateAvatar(avatar),
            displayName is null ? null : ChatRules.ValidateDisplayName(displayName));
        return User(caller.UserId).UpdateProfile(update).WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RoomInfo>> ListRoomsAsync(Caller caller, CancellationToken cancellationToken = default) =>
        (await listRooms.HandleAsync(caller, cursor: null, limit: null, cancellationToken)).Rooms;

    public Task<RoomInfo> CreateRoomAsync(Caller caller, CreateRoomRequest request, CancellationToken cancellationToken = default) =>
        createRoom.HandleAsync(caller, request, cancellationToken);

    public async Task AddMemberAsync(Caller caller, string? roomId, string? username, CancellationToken cancellationToken = default)
    {
        ChatRules.ValidateRoomId(roomId);
        if (string.IsNullOrWhiteSpace(username))
        {
            throw ChatException.BadRequest("username is required.");
        }
        var memberId = await cluster.GetGrain<IUsernameIndexGrain>(ChatRules.Normalize(username)).Resolve().WaitAsync(cancellationToken)
            ?? throw ChatException.NotFound($"User '{username}' was not found.");
        await Room(roomId).AddMember(caller.UserId, memberId).WaitAsync(cancellationToken);
    }

    public Task<SendResult> SendMessageAsync(Caller caller, string? roomId, string? content, string? clientMessageId, CancellationToken cancellationToken = default) =>
        SendMessageAsync(caller, roomId, content, clientMessageId, replyToSeq: null, attachmentIds: null, cancellationToken);

    /// <summary>The gateway's check of the input; the room grain checks it once more as the owner of the data.</summary>
    public async Task<SendResult> SendMessageAsync(Caller caller, string? roomId, string? content, string? clientMessageId, long? replyToSeq, IReadOnlyList<string>? attachmentIds, CancellationToken cancellationToken = default)
    {
        metrics.MessageReceived(caller.Transport);
        var started = Stopwatch.GetTimestamp();
        ChatRules.ValidateRoomId(roomId);
        var text = ChatRules.ValidateContent(content);
        var id = ChatRules.ValidateClientMessageId(clientMessageId);
        var replyTo = ChatRules.ValidateReplyToSeq(replyToSeq);
        var ids = AttachmentRules.ValidateIds(attachmentIds);
        var attachments = ids.IsEmpty ? [] : await ClaimAsync(caller, roomId, ids, cancellationToken);
        // The budget is spent on this gateway from a lease (no user-grain hop per message); the name is the user grain's.
        var username = await sendBudget.SpendAsync(caller.UserId, cancellationToken);
        var result = await Room(roomId).Send(new PostMessage(caller.UserId, username, text, id, caller.ConnectionId)
        {
            ReplyToSeq = replyTo,
            Attachments = attachments,
        }).WaitAsync(cancellationToken);
        metrics.RecordAckDuration(caller.Transport, Stopwatch.GetElapsedTime(started));
        return result;
    }

    public async Task<IReadOnlyList<ChatMessage>> GetMessagesAsync(Caller caller, string? roomId, long? beforeSeq, long? afterSeq, int? limit, CancellationToken cancellationToken = default)
    {
        ChatRules.ValidateRoomId(roomId);
        var query = ChatRules.ValidateHistory(beforeSeq, afterSeq, limit);
        return await Room(roomId).GetMessages(caller.UserId, query).WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OnlineUser>> GetOnlineUsersAsync(Caller caller, string? roomId, CancellationToken cancellationToken = default)
    {
        ChatRules.ValidateRoomId(roomId);
        return await Room(roomId).GetOnlineUsers(caller.UserId).WaitAsync(cancellationToken);
    }

    public Task<JoinResult> JoinRoomAsync(Caller caller, string? roomId, CancellationToken cancellationToken = default)
    {
        ChatRules.ValidateRoomId(roomId);
        return liveRooms.JoinAsync(RequireConnection(caller), roomId, cancellationToken);
    }

    public Task LeaveRoomAsync(Caller caller, string? roomId, CancellationToken cancellationToken = default)
    {
        ChatRules.ValidateRoomId(roomId);
        return liveRooms.LeaveAsync(RequireConnection(caller), roomId).WaitAsync(cancellationToken);
    }

    public async Task ConnectAsync(Caller caller, LiveConnection connection, CancellationToken cancellationToken = default)
    {
        if (RequireConnection(caller) != connection.Id)
        {
            throw new ArgumentException($"The caller's connection is {caller.ConnectionId}, not {connection.Id}.", nameof(connection));
        }
        cancellationToken.ThrowIfCancellationRequested();
        // The user's events first: a connection that is registered receives them, with no room joined.
        await userConnections.AttachAsync(connection, cancellationToken);
        liveRooms.Connect(connection);
        metrics.ConnectionOpened(caller.Transport);
        // Global presence: a grain call only for the user's first connection on this gateway; never fails the connect.
        await users.ConnectedAsync(caller.UserId, connection.Id);
    }

    public async Task DisconnectAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        metrics.ConnectionClosed(caller.Transport);
        await userConnections.DetachAsync(RequireConnection(caller));
        await liveRooms.DisconnectAsync(RequireConnection(caller));
        await users.DisconnectedAsync(caller.UserId, caller.ConnectionId!);
    }

    private static string RequireConnection(Caller caller) =>
        caller.ConnectionId ?? throw ChatException.BadRequest("Joining a room needs a live connection (SignalR or WebSocket).");

    private IUserGrain User(string userId) => cluster.GetGrain<IUserGrain>(userId);

    private IRoomGrain Room(string roomId) => cluster.GetGrain<IRoomGrain>(roomId);
}
