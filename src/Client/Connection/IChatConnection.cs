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

    /// <summary>Tells the room's other joined connections that the user is typing (throttled by the server).</summary>
    Task TypingAsync(string roomId, CancellationToken cancellationToken);
}

/// <summary>What a connection pushes; called in the order the gateway sent it, never concurrently for one connection.</summary>
internal interface IChatConnectionEvents
{
    void OnNewMessage(MessageDto message);

    void OnUserJoined(PresenceDto presence);

    void OnUserLeft(PresenceDto presence);

    /// <summary>A user event (RoomAdded, RoomRemoved, RoomUpdated, ReadUpdated) with its payload.</summary>
    void OnUserEvent(string name, object payload)
    {
    }

    void OnUserTyping(PresenceDto typing);
}

/// <summary>Makes connections: the SignalR one in production, a fake in tests.</summary>
internal interface IChatConnector
{
    /// <summary>Connects to <paramref name="endpoint"/>; <see cref="ChatError.Unauthorized"/> when the token is refused.</summary>
    Task<IChatConnection> ConnectAsync(Uri endpoint, string accessToken, IChatConnectionEvents events, CancellationToken cancellationToken);
}
