using Chat.Contracts;

namespace Chat.Client.Connection;

/// <summary>
/// One live connection to one gateway's hub. Every failure is a <see cref="ChatClientException"/>:
/// the server's refusal with its code, or <see cref="ChatError.ConnectionLost"/> when the connection went away.
/// </summary>
internal interface IChatConnection : IAsyncDisposable
{
    Uri Endpoint { get; }

    /// <summary>Completes (with the cause, if any) once the connection is gone; it never comes back.</summary>
    Task<Exception?> Closed { get; }

    Task<JoinedRoomDto> JoinRoomAsync(string roomId, CancellationToken cancellationToken);

    Task LeaveRoomAsync(string roomId, CancellationToken cancellationToken);

    Task<MessageDto> SendMessageAsync(string roomId, string content, string clientMessageId, CancellationToken cancellationToken);

    Task<IReadOnlyList<MessageDto>> GetMessagesAsync(string roomId, long? beforeSeq, long? afterSeq, int? limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<OnlineUserDto>> GetOnlineUsersAsync(string roomId, CancellationToken cancellationToken);

    /// <summary>A send answering message <paramref name="replyToSeq"/> of the room.</summary>
    Task<MessageDto> SendReplyAsync(string roomId, string content, string clientMessageId, long replyToSeq, CancellationToken cancellationToken);

    Task<MessageDto> EditMessageAsync(string roomId, long seq, string content, CancellationToken cancellationToken);

    Task DeleteMessageAsync(string roomId, long seq, CancellationToken cancellationToken);

    /// <summary>Adds (<paramref name="on"/>) or removes this user's reaction.</summary>
    Task SetReactionAsync(string roomId, long seq, string emoji, bool on, CancellationToken cancellationToken);

    /// <summary>The oldest <paramref name="limit"/> changes after <paramref name="afterChange"/>, and the room's newest changeSeq.</summary>
    Task<ChangesDto> GetChangesAsync(string roomId, long afterChange, int limit, CancellationToken cancellationToken);
}

/// <summary>What a connection pushes; called in the order the gateway sent it, never concurrently for one connection.</summary>
internal interface IChatConnectionEvents
{
    void OnNewMessage(MessageDto message);

    void OnUserJoined(PresenceDto presence);

    void OnUserLeft(PresenceDto presence);

    void OnMessageUpdated(MessageUpdatedDto update);
}

/// <summary>Makes connections: the SignalR one in production, a fake in tests.</summary>
internal interface IChatConnector
{
    /// <summary>Connects to <paramref name="endpoint"/>; <see cref="ChatError.Unauthorized"/> when the token is refused.</summary>
    Task<IChatConnection> ConnectAsync(Uri endpoint, string accessToken, IChatConnectionEvents events, CancellationToken cancellationToken);
}
