using Chat.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Client.Connection;

/// <summary>
/// The hub's invocations, with the failures translated once: a <see cref="HubException"/> (<c>"code: reason"</c>)
/// becomes its <see cref="ChatError"/>; anything else while the connection is down is
/// <see cref="ChatError.ConnectionLost"/>; no answer within the call time-out on a live connection is
/// <see cref="ChatError.Unavailable"/>.
/// </summary>
internal sealed partial class SignalRChatConnection : IChatConnection
{
    private readonly HubConnection _hub;
    private readonly TimeSpan _callTimeout;
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SignalRChatConnection(HubConnection hub, Uri endpoint, TimeSpan callTimeout)
    {
        _hub = hub;
        _callTimeout = callTimeout;
        Endpoint = endpoint;
        hub.Closed += exception =>
        {
            _closed.TrySetResult(exception);
            return Task.CompletedTask;
        };
    }

    public Uri Endpoint { get; }

    public Task<Exception?> Closed => _closed.Task;

    public Task<JoinedRoomDto> JoinRoomAsync(string roomId, CancellationToken cancellationToken) =>
        InvokeAsync<JoinedRoomDto>("JoinRoom", [roomId], cancellationToken);

    public Task LeaveRoomAsync(string roomId, CancellationToken cancellationToken) =>
        InvokeAsync<object?>("LeaveRoom", [roomId], cancellationToken);

    public Task<MessageDto> SendMessageAsync(string roomId, string content, string clientMessageId, CancellationToken cancellationToken) =>
        InvokeAsync<MessageDto>("SendMessage", [roomId, content, clientMessageId], cancellationToken);

    public async Task<IReadOnlyList<MessageDto>> GetMessagesAsync(string roomId, long? beforeSeq, long? afterSeq, int? limit, CancellationToken cancellationToken) =>
        await InvokeAsync<MessageDto[]>("GetMessages", [roomId, beforeSeq, afterSeq, limit], cancellationToken);

    public async Task<IReadOnlyList<OnlineUserDto>> GetOnlineUsersAsync(string roomId, CancellationToken cancellationToken) =>
        await InvokeAsync<OnlineUserDto[]>("GetOnlineUsers", [roomId], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        _closed.TrySetResult(null);
    }

    private async Task<T> InvokeAsync<T>(string method, object?[] arguments, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_callTimeout);
        try
        {
            return await _hub.InvokeCoreAsync<T>(method, arguments, timeout.Token);
        }
        catch (HubException exception)
        {
            throw Translate(exception);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            if (_hub.State == HubConnectionState.Connected && timeout.IsCancellationRequested)
            {
                throw new ChatClientException(ChatError.Unavailable, $"{method}: no answer from {Endpoint} within {_callTimeout.TotalSeconds:0.#} s.", exception);
            }
            throw new ChatClientException(ChatError.ConnectionLost, $"{method}: the connection to {Endpoint} was lost.", exception);
        }
    }

    /// <summary>The gateway's hub errors read <c>"code: readable reason"</c>.</summary>
    private static ChatClientException Translate(HubException exception)
    {
        var message = exception.Message;
        // SignalR prefixes server messages with "An unexpected error occurred invoking 'X' on the server. HubException: ".
        var start = message.IndexOf("HubException: ", StringComparison.Ordinal);
        if (start >= 0)
        {
            message = message[(start + "HubException: ".Length)..];
        }
        var separator = message.IndexOf(": ", StringComparison.Ordinal);
        var error = separator > 0 ? ChatClientException.FromWireCode(message[..separator]) : ChatError.Internal;
        return new ChatClientException(error, message, exception);
    }
}
