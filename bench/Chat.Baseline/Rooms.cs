using System.Collections.Concurrent;
using Chat.Contracts;

namespace Chat.Baseline;

/// <summary>Rooms in memory: a seq counter each, and the raw WebSocket members (SignalR keeps its own groups).</summary>
public sealed class Rooms
{
    private readonly ConcurrentDictionary<string, Room> _rooms = new();

    public sealed class Room(string id)
    {
        private long _seq;

        public string Id { get; } = id;
        public long LastSeq => Interlocked.Read(ref _seq);
        public ConcurrentDictionary<RawSocket, byte> Sockets { get; } = new();

        public MessageDto Append(UserDto user, string content, string? clientMessageId) =>
            new(Guid.NewGuid().ToString("N"), Id, Interlocked.Increment(ref _seq), user.Id, user.Username, content, "text",
                DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), clientMessageId, Reactions: []);
    }

    public bool TryCreate(string id) => _rooms.TryAdd(id, new Room(id));

    public Room? Find(string id) => _rooms.GetValueOrDefault(id);

    public RoomDto Describe(Room room) => new(room.Id, room.Id, "", true, "", 0);
}
