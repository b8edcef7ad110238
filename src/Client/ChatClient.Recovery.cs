using System.Diagnostics;
using Chat.Client.Connection;
using Chat.Client.Delivery;
using Chat.Contracts;
using Microsoft.Extensions.Logging;

namespace Chat.Client;

// How a ChatClient recovers: transient failures retried, rooms joined again after a reconnection, a refused token
// renewed; and where what the connection pushes goes.
public sealed partial class ChatClient
{
    /// <summary>
    /// Runs a call on the live connection, retrying transient failures until <see cref="ChatClientOptions.RetryTimeout"/>
    /// has passed; after a lost connection the retry waits for the next one.
    /// </summary>
    private async Task<T> CallAsync<T>(Func<IChatConnection, Task<T>> call, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        IChatConnection? lost = null;
        for (var attempt = 1; ; attempt++)
        {
            var remaining = _options.RetryTimeout - clock.Elapsed;
            IChatConnection connection;
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token))
            {
                wait.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
                try
                {
                    connection = await _supervisor.WaitForConnectionAsync(lost, wait.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new ChatClientException(ChatError.ConnectionLost, $"Not connected within {_options.RetryTimeout.TotalSeconds:0.#} s.");
                }
            }
            try
            {
                return await call(connection);
            }
            catch (ChatClientException exception) when (exception.IsTransient && clock.Elapsed < _options.RetryTimeout)
            {
                lost = exception.Error == ChatError.ConnectionLost ? connection : null;
                var pause = Backoff.Delay(attempt, _options.InitialReconnectDelay, _options.MaxReconnectDelay);
                LogRetrying(_logger, attempt, pause.TotalMilliseconds, exception.Message);
                await Task.Delay(pause, cancellationToken);
            }
        }
    }

    private Task<IReadOnlyList<MessageDto>> ReadHistoryAsync(string roomId, long afterSeq, int limit, CancellationToken cancellationToken) =>
        _supervisor.Current is { } connection
            ? connection.GetMessagesAsync(roomId, null, afterSeq, limit, cancellationToken)
            : Task.FromException<IReadOnlyList<MessageDto>>(new ChatClientException(ChatError.ConnectionLost, "Not connected."));

    private void Deliver(DeliveredMessage delivered) => MessageReceived?.Invoke(delivered);

    /// <summary>A (re)join answered: catch up to its lastSeq; after a rejoin, tell the application who came and went meanwhile.</summary>
    private void Apply(LiveRoom room, JoinedRoomDto joined, bool announce)
    {
        room.Stream.Joined(joined.LastSeq);
        room.Changes.Joined(joined.LastChangeSeq);
        var (came, went) = room.Members.Reset(joined.OnlineUsers);
        if (!announce)
        {
            return;
        }
        foreach (var user in came.Where(user => user.UserId != User?.Id))
        {
            UserJoined?.Invoke(new PresenceDto(joined.Room.Id, user.UserId, user.Username));
        }
        foreach (var user in went)
        {
            UserLeft?.Invoke(new PresenceDto(joined.Room.Id, user.UserId, user.Username));
        }
    }

    private void OnConnected(IChatConnection connection)
    {
        foreach (var (roomId, room) in _rooms)
        {
            _ = RejoinAsync(connection, roomId, room);
        }
        Connected?.Invoke(connection.Endpoint);
    }

    /// <summary>Joins a room again on a new connection, retrying transient failures while that connection lives.</summary>
    private async Task RejoinAsync(IChatConnection connection, string roomId, LiveRoom room)
    {
        for (var attempt = 1; !connection.Closed.IsCompleted && !_stop.IsCancellationRequested; attempt++)
        {
            if (!_rooms.TryGetValue(roomId, out var current) || current != room)
            {
                return; // left meanwhile
            }
            try
            {
                Apply(room, await connection.JoinRoomAsync(roomId, _stop.Token), announce: true);
                return;
            }
            catch (ChatClientException exception) when (exception.IsTransient)
            {
                LogRejoinRetry(_logger, roomId, attempt, exception.Message);
                await Task.Delay(Backoff.Delay(attempt, _options.InitialReconnectDelay, _options.MaxReconnectDelay), _stop.Token)
                    .ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (ChatClientException exception)
            {
                LogRoomLost(_logger, roomId, exception.Message);
                await ForgetAsync(roomId, room);
                RoomLost?.Invoke(roomId, exception);
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ForgetAsync(string roomId, LiveRoom room)
    {
        if (_rooms.TryRemove(KeyValuePair.Create(roomId, room)))
        {
            await room.Stream.DisposeAsync();
            await room.Changes.DisposeAsync();
        }
    }

    private Task<string> RequireTokenAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Rest.AccessToken ?? throw new InvalidOperationException("No access token."));

    private async Task<bool> RenewTokenAsync(CancellationToken cancellationToken)
    {
        if (_credentials is not { } credentials)
        {
            return false;
        }
        await LogInAsync(credentials.Username, credentials.Password, cancellationToken);
        return true;
    }

    private sealed class LiveRoom(RoomStream stream, ChangeStream changes)
    {
        public RoomStream Stream { get; } = stream;

        public ChangeStream Changes { get; } = changes;

        public RoomMembers Members { get; } = new();
    }

    /// <summary>What the connection pushes, routed to the joined rooms.</summary>
    private sealed class Events(ChatClient client) : IChatConnectionEvents
    {
        public void OnNewMessage(MessageDto message)
        {
            if (client._rooms.TryGetValue(message.RoomId, out var room))
            {
                room.Stream.Offer(message, DeliverySource.Live);
            }
        }

        public void OnMessageUpdated(MessageUpdatedDto update)
        {
            if (client._rooms.TryGetValue(update.RoomId, out var room))
            {
                room.Changes.Offer(update);
            }
        }

        public void OnUserJoined(PresenceDto presence)
        {
            if (client._rooms.TryGetValue(presence.RoomId, out var room) && room.Members.Add(new OnlineUserDto(presence.UserId, presence.Username)))
            {
                client.UserJoined?.Invoke(presence);
            }
        }

        public void OnUserLeft(PresenceDto presence)
        {
            if (client._rooms.TryGetValue(presence.RoomId, out var room) && room.Members.Remove(presence.UserId))
            {
                client.UserLeft?.Invoke(presence);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A call failed transiently (attempt {Attempt}); retrying in {DelayMs:0} ms: {Reason}")]
    private static partial void LogRetrying(ILogger logger, int attempt, double delayMs, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Joining room {RoomId} again failed (attempt {Attempt}); retrying: {Reason}")]
    private static partial void LogRejoinRetry(ILogger logger, string roomId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId} could not be joined again and is no longer joined: {Reason}")]
    private static partial void LogRoomLost(ILogger logger, string roomId, string reason);
}
