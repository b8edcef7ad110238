using Chat.Client.Connection;
using Chat.Contracts;

namespace Chat.Client.Tests.Fakes;

/// <summary>One client's connection to the <see cref="FakeChatServer"/>; the token is the user id.</summary>
internal sealed partial class FakeConnection(FakeChatServer server, Uri endpoint, string userId, IChatConnectionEvents events) : IChatConnection
{
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Uri Endpoint { get; } = endpoint;

    public string UserId { get; } = userId;

    public HashSet<string> Rooms { get; } = [];

    public Task<Exception?> Closed => _closed.Task;

    public void Push(MessageDto message)
    {
        if (!_closed.Task.IsCompleted)
        {
            events.OnNewMessage(message);
        }
    }

    public void PushJoined(PresenceDto presence) => events.OnUserJoined(presence);

    public void PushLeft(PresenceDto presence) => events.OnUserLeft(presence);

    public void Drop()
    {
        server.Remove(this);
        _closed.TrySetResult(new IOException("dropped"));
    }

    public Task<JoinedRoomDto> JoinRoomAsync(string roomId, CancellationToken cancellationToken) =>
        Run("JoinRoom", () => server.Join(this, roomId));

    public Task LeaveRoomAsync(string roomId, CancellationToken cancellationToken) =>
        Run("LeaveRoom", () => Rooms.Remove(roomId));

    public Task<MessageDto> SendMessageAsync(string roomId, string content, string clientMessageId, CancellationToken cancellationToken) =>
        Run("SendMessage", () =>
        {
            var message = server.Store(roomId, UserId, content, clientMessageId, this);
            if (server.DropConnectionAfterNextStore)
            {
                server.DropConnectionAfterNextStore = false;
                Drop();
                throw new ChatClientException(ChatError.ConnectionLost, "SendMessage: the connection was lost.");
            }
            return message;
        });

    public Task<IReadOnlyList<MessageDto>> GetMessagesAsync(string roomId, long? beforeSeq, long? afterSeq, int? limit, CancellationToken cancellationToken) =>
        Run("GetMessages", () => server.Read(roomId, beforeSeq, afterSeq, limit));

    public Task<IReadOnlyList<OnlineUserDto>> GetOnlineUsersAsync(string roomId, CancellationToken cancellationToken) =>
        Run<IReadOnlyList<OnlineUserDto>>("GetOnlineUsers", () => []);

    public ValueTask DisposeAsync()
    {
        Drop();
        return ValueTask.CompletedTask;
    }

    private Task<T> Run<T>(string method, Func<T> call)
    {
        try
        {
            if (_closed.Task.IsCompleted)
            {
                throw new ChatClientException(ChatError.ConnectionLost, $"{method}: the connection was lost.");
            }
            server.ThrowIfFaulted(method);
            return Task.FromResult(call());
        }
        catch (Exception exception)
        {
            return Task.FromException<T>(exception);
        }
    }
}
