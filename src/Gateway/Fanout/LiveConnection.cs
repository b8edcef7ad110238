namespace Chat.Gateway.Fanout;

/// <summary>
/// A live connection on this gateway (a SignalR connection or a raw WebSocket) and the rooms it has joined.
/// Identity comes from its validated token, never from what the client sends.
/// </summary>
public abstract class LiveConnection(string id, string userId, string username)
{
    private readonly HashSet<string> _rooms = [];
    private bool _closed;

    public string Id { get; } = id;
    public string UserId { get; } = userId;
    public string Username { get; } = username;

    public abstract ILiveTransport Transport { get; }

    public int RoomCount
    {
        get
        {
            lock (_rooms)
            {
                return _rooms.Count;
            }
        }
    }

    public bool IsInRoom(string roomId)
    {
        lock (_rooms)
        {
            return _rooms.Contains(roomId);
        }
    }

    /// <summary>Records a join; false if already joined or the connection has closed.</summary>
    internal bool TryAddRoom(string roomId)
    {
        lock (_rooms)
        {
            return !_closed && _rooms.Add(roomId);
        }
    }

    internal bool TryRemoveRoom(string roomId)
    {
        lock (_rooms)
        {
            return _rooms.Remove(roomId);
        }
    }

    internal bool IsClosed
    {
        get
        {
            lock (_rooms)
            {
                return _closed;
            }
        }
    }

    /// <summary>Marks the connection closed (no further joins) and hands back the rooms it was in.</summary>
    internal string[] Close()
    {
        lock (_rooms)
        {
            _closed = true;
            var rooms = _rooms.ToArray();
            _rooms.Clear();
            return rooms;
        }
    }
}
