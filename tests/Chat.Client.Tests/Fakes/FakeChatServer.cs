using Chat.Client.Connection;
using Chat.Contracts;

namespace Chat.Client.Tests.Fakes;

/// <summary>
/// A chat server in memory, reached through <see cref="IChatConnector"/>: rooms with gap-free seq, idempotent
/// client message ids, live pushes to joined connections (never to the sender), and switches to lose pushes,
/// drop connections and refuse calls, so the client's recovery can be driven step by step.
/// </summary>
internal sealed partial class FakeChatServer : IChatConnector
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<MessageDto>> _rooms = [];
    private readonly List<FakeConnection> _connections = [];
    private readonly HashSet<Uri> _down = [];

    public FakeChatServer(params string[] roomIds)
    {
        foreach (var roomId in roomIds)
        {
            _rooms.Add(roomId, []);
        }
    }

    /// <summary>When true, stored messages are not pushed live (a lost stream event).</summary>
    public bool LosePushes { get; set; }

    /// <summary>Errors the next calls of a method throw, in order (e.g. <c>"SendMessage"</c> → Unavailable).</summary>
    public Queue<(string Method, ChatClientException Error)> Faults { get; } = new();

    /// <summary>When set, the next send is stored and then the connection drops before the answer.</summary>
    public bool DropConnectionAfterNextStore { get; set; }

    public int ConnectAttempts { get; private set; }

    public List<(string Method, long? BeforeSeq, long? AfterSeq)> HistoryCalls { get; } = [];

    public List<Uri> Connected { get; } = [];

    public void TakeDown(Uri endpoint)
    {
        lock (_gate)
        {
            _down.Add(endpoint);
        }
        foreach (var connection in ConnectionsTo(endpoint))
        {
            connection.Drop();
        }
    }

    public void DropAll()
    {
        FakeConnection[] all;
        lock (_gate)
        {
            all = [.. _connections];
        }
        foreach (var connection in all)
        {
            connection.Drop();
        }
    }

    public IReadOnlyList<MessageDto> History(string roomId)
    {
        lock (_gate)
        {
            return [.. _rooms[roomId]];
        }
    }

    /// <summary>Another user sends a message (stored, pushed to every joined connection unless pushes are lost).</summary>
    public MessageDto Post(string roomId, string userId, string content) => Store(roomId, userId, content, null, sender: null);

    public Task<IChatConnection> ConnectAsync(Uri endpoint, string accessToken, IChatConnectionEvents events, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ConnectAttempts++;
            if (_down.Contains(endpoint))
            {
                throw new ChatClientException(ChatError.ConnectionLost, $"{endpoint} refused the connection.");
            }
            var connection = new FakeConnection(this, endpoint, accessToken, events);
            _connections.Add(connection);
            Connected.Add(endpoint);
            return Task.FromResult<IChatConnection>(connection);
        }
    }

    internal void Remove(FakeConnection connection)
    {
        lock (_gate)
        {
            _connections.Remove(connection);
        }
    }

    internal void ThrowIfFaulted(string method)
    {
        lock (_gate)
        {
            if (Faults.TryPeek(out var fault) && fault.Method == method)
            {
                Faults.Dequeue();
                throw fault.Error;
            }
        }
    }

    internal JoinedRoomDto Join(FakeConnection connection, string roomId)
    {
        lock (_gate)
        {
            var messages = Room(roomId);
            var online = _connections.Where(c => c.Rooms.Contains(roomId) || c == connection)
                .Select(c => new OnlineUserDto(c.UserId, c.UserId)).DistinctBy(u => u.UserId).ToArray();
            connection.Rooms.Add(roomId);
            return new JoinedRoomDto(new RoomDto(roomId, roomId, "", true, "system", 0), online, messages.Count, Changes(roomId).Count);
        }
    }

    internal MessageDto Store(string roomId, string userId, string content, string? clientMessageId, FakeConnection? sender)
    {
        MessageDto message;
        FakeConnection[] targets;
        lock (_gate)
        {
            var messages = Room(roomId);
            if (clientMessageId is not null && messages.Find(m => m.UserId == userId && m.ClientMessageId == clientMessageId) is { } known)
            {
                return known;
            }
            var seq = messages.Count + 1;
            message = new MessageDto($"{roomId}:{seq}", roomId, seq, userId, userId, content, "text", seq, clientMessageId, []);
            messages.Add(message);
            targets = LosePushes ? [] : [.. _connections.Where(c => c != sender && c.Rooms.Contains(roomId))];
        }
        foreach (var target in targets)
        {
            target.Push(message);
        }
        return message;
    }

    internal IReadOnlyList<MessageDto> Read(string roomId, long? beforeSeq, long? afterSeq, int? limit)
    {
        lock (_gate)
        {
            HistoryCalls.Add(("GetMessages", beforeSeq, afterSeq));
            var take = Math.Clamp(limit ?? 50, 1, 200);
            var range = Room(roomId).Where(m => m.Seq > (afterSeq ?? 0) && m.Seq < (beforeSeq ?? long.MaxValue));
            return afterSeq is null && beforeSeq is not null || afterSeq is null && beforeSeq is null
                ? [.. range.TakeLast(take)]
                : [.. range.Take(take)];
        }
    }

    private List<MessageDto> Room(string roomId) =>
        _rooms.TryGetValue(roomId, out var messages) ? messages : throw new ChatClientException(ChatError.NotFound, $"not_found: Room '{roomId}' was not found.");

    private FakeConnection[] ConnectionsTo(Uri endpoint)
    {
        lock (_gate)
        {
            return [.. _connections.Where(c => c.Endpoint == endpoint)];
        }
    }
}
