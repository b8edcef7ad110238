using System.Collections.Concurrent;
using Chat.Client.Connection;
using Chat.Client.Delivery;
using Chat.Client.Rest;
using Chat.Contracts;
using Microsoft.Extensions.Logging;

namespace Chat.Client;

/// <summary>
/// A chat session over one gateway connection that heals itself: it reconnects for ever (to the next gateway in
/// turn, capped back-off), joins its rooms again, and hands the application each room's messages in seq order,
/// exactly once, filling any gap from history. Sends are retried on transient failures with the same client
/// message id, so a message is never stored twice. See README.md beside this file.
/// </summary>
/// <remarks>
/// Events are raised on background threads: <see cref="MessageReceived"/> one message at a time per room (rooms
/// run concurrently), presence events in the order the gateway sent them. Handlers should return quickly.
/// </remarks>
public sealed partial class ChatClient : IAsyncDisposable
{
    private readonly ChatClientOptions _options;
    private readonly ConnectionSupervisor _supervisor;
    private readonly ConcurrentDictionary<string, LiveRoom> _rooms = new();
    private readonly HttpClient? _ownedHttp;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private (string Username, string Password)? _credentials;
    private int _disposed;

    public ChatClient(ChatClientOptions options)
        : this(options, new SignalRConnector(options), null)
    {
    }

    internal ChatClient(ChatClientOptions options, IChatConnector connector, ChatRestClient? rest)
    {
        options.Validate();
        _options = options;
        _logger = options.LoggerFactory.CreateLogger<ChatClient>();
        if (rest is null)
        {
            _ownedHttp = new HttpClient { Timeout = options.CallTimeout };
            rest = new ChatRestClient(_ownedHttp, options.Endpoints);
        }
        Rest = rest;
        _supervisor = new ConnectionSupervisor(connector, options, new Events(this), RequireTokenAsync, RenewTokenAsync);
        _supervisor.Connected += OnConnected;
        _supervisor.Disconnected += (endpoint, cause) => Disconnected?.Invoke(endpoint, cause);
    }

    /// <summary>Every message of every joined room, once, in seq order per room.</summary>
    public event Action<DeliveredMessage>? MessageReceived;

    /// <summary>A user came online in a joined room (also raised for differences found when a room is joined again).</summary>
    public event Action<PresenceDto>? UserJoined;

    /// <summary>A user went offline in a joined room (also raised for differences found when a room is joined again).</summary>
    public event Action<PresenceDto>? UserLeft;

    /// <summary>A connection was made (the first, or a reconnection, possibly to another gateway).</summary>
    public event Action<Uri>? Connected;

    /// <summary>The connection was lost; the client is reconnecting.</summary>
    public event Action<Uri, Exception?>? Disconnected;

    /// <summary>Joining a room again after a reconnection was refused (the room is gone or access was withdrawn): it is no longer joined.</summary>
    public event Action<string, ChatClientException>? RoomLost;

    /// <summary>The REST API, with this client's token.</summary>
    public ChatRestClient Rest { get; }

    /// <summary>The signed-in user, after <see cref="RegisterAsync"/> or <see cref="LogInAsync"/>.</summary>
    public UserDto? User { get; private set; }

    /// <summary>The gateway this client is connected to now, or null while it (re)connects.</summary>
    public Uri? ConnectedEndpoint => _supervisor.Current?.Endpoint;

    /// <summary>A fresh client message id (what <see cref="SendMessageAsync"/> uses when none is given).</summary>
    public static string NewClientMessageId() => Guid.NewGuid().ToString("N");

    public async Task<AuthResponse> RegisterAsync(string username, string email, string password, CancellationToken cancellationToken = default)
    {
        var result = await Rest.RegisterAsync(username, email, password, cancellationToken);
        (User, _credentials) = (result.User, (username, password));
        return result;
    }

    public async Task<AuthResponse> LogInAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        var result = await Rest.LogInAsync(username, password, cancellationToken);
        (User, _credentials) = (result.User, (username, password));
        return result;
    }

    /// <summary>Uses a token obtained elsewhere. Without credentials, a token the gateway refuses ends the session.</summary>
    public void UseToken(string accessToken) => Rest.AccessToken = accessToken;

    /// <summary>Connects (trying every gateway in turn until one answers or <paramref name="cancellationToken"/> fires) and stays connected.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        _ = Rest.AccessToken ?? throw new InvalidOperationException("Log in, register or UseToken before connecting.");
        _supervisor.Start();
        await _supervisor.WaitForConnectionAsync(null, cancellationToken);
    }

    /// <summary>
    /// Joins a room for live delivery. From then on <see cref="MessageReceived"/> gets every message after
    /// <paramref name="resumeAfterSeq"/> (default: the room's last seq now, i.e. only new messages), in order.
    /// </summary>
    public Task<JoinedRoomDto> JoinRoomAsync(string roomId, long? resumeAfterSeq = null, CancellationToken cancellationToken = default) =>
        JoinRoomAsync(roomId, resumeAfterSeq, resumeAfterChange: null, cancellationToken);

    /// <summary>
    /// Joins a room for live delivery, as <see cref="JoinRoomAsync(string, long?, CancellationToken)"/>; besides,
    /// <see cref="MessageUpdated"/> gets every change after <paramref name="resumeAfterChange"/> (default: the room's
    /// lastChangeSeq now), in changeSeq order.
    /// </summary>
    public async Task<JoinedRoomDto> JoinRoomAsync(string roomId, long? resumeAfterSeq, long? resumeAfterChange, CancellationToken cancellationToken = default)
    {
        var created = false;
        var room = _rooms.GetOrAdd(roomId, id =>
        {
            created = true;
            return new LiveRoom(
                new RoomStream(id, resumeAfterSeq, ReadHistoryAsync, Deliver, _options),
                new ChangeStream(id, resumeAfterChange, ReadChangesAsync, ApplyChange, _options));
        });
        try
        {
            var joined = await CallAsync(connection => connection.JoinRoomAsync(roomId, cancellationToken), cancellationToken);
            Apply(room, joined, announce: false);
            return joined;
        }
        catch when (created)
        {
            await ForgetAsync(roomId, room);
            throw;
        }
    }

    /// <summary>Leaves a room: no more live delivery or presence for it.</summary>
    public async Task LeaveRoomAsync(string roomId, CancellationToken cancellationToken = default)
    {
        if (_rooms.TryGetValue(roomId, out var room))
        {
            await ForgetAsync(roomId, room);
        }
        await CallAsync(async connection =>
        {
            await connection.LeaveRoomAsync(roomId, cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Sends a message and returns it as stored (with its seq). Transient failures are retried for
    /// <see cref="ChatClientOptions.RetryTimeout"/> with the same client message id (made up when none is given),
    /// so the message is stored at most once however often it is retried. In a joined room it is also handed to
    /// <see cref="MessageReceived"/> in its place in the order (<see cref="DeliverySource.Sent"/>).
    /// </summary>
    public async Task<MessageDto> SendMessageAsync(string roomId, string content, string? clientMessageId = null, CancellationToken cancellationToken = default)
    {
        var id = clientMessageId ?? NewClientMessageId();
        var message = await CallAsync(connection => connection.SendMessageAsync(roomId, content, id, cancellationToken), cancellationToken);
        if (_rooms.TryGetValue(roomId, out var room))
        {
            room.Stream.Offer(message, DeliverySource.Sent);
        }
        return message;
    }

    /// <summary>A page of history (docs/PROTOCOL.md cursors), ascending by seq.</summary>
    public Task<IReadOnlyList<MessageDto>> GetMessagesAsync(string roomId, long? beforeSeq = null, long? afterSeq = null, int? limit = null, CancellationToken cancellationToken = default) =>
        CallAsync(connection => connection.GetMessagesAsync(roomId, beforeSeq, afterSeq, limit, cancellationToken), cancellationToken);

    /// <summary>Who is online in a room, asked of the server now.</summary>
    public Task<IReadOnlyList<OnlineUserDto>> GetOnlineUsersAsync(string roomId, CancellationToken cancellationToken = default) =>
        CallAsync(connection => connection.GetOnlineUsersAsync(roomId, cancellationToken), cancellationToken);

    /// <summary>Who is online in a joined room as this client knows it (the last join plus the presence events since).</summary>
    public IReadOnlyList<OnlineUserDto> KnownOnlineUsers(string roomId) =>
        _rooms.TryGetValue(roomId, out var room) ? room.Members.Snapshot() : [];

    /// <summary>The seq of the last message delivered in a joined room, or null (not joined, or the join has not answered).</summary>
    public long? LastDeliveredSeq(string roomId) => _rooms.TryGetValue(roomId, out var room) ? room.Stream.LastDelivered : null;

    /// <summary>Reads whatever history holds after the last delivered message of a joined room and delivers it; completes when done.</summary>
    public Task CatchUpAsync(string roomId, CancellationToken cancellationToken = default) =>
        _rooms.TryGetValue(roomId, out var room)
            ? room.Stream.CatchUpAsync(cancellationToken)
            : throw new InvalidOperationException($"Room '{roomId}' is not joined.");

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stop.CancelAsync();
        await _supervisor.DisposeAsync();
        foreach (var (roomId, room) in _rooms)
        {
            await ForgetAsync(roomId, room);
        }
        // _stop is left undisposed on purpose: background rejoins may still read its token as they wind down.
        _ownedHttp?.Dispose();
    }
}
