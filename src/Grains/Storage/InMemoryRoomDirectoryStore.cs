using Chat.Rooms;

namespace Chat.Grains.Storage;

/// <summary>The directory in this silo's memory (the embedded default; gone with the process, like everything there).</summary>
public sealed class InMemoryRoomDirectoryStore : IRoomDirectoryStore
{
    private readonly Lock _lock = new();
    private readonly SortedList<long, RoomInfo> _byPosition = [];
    private readonly Dictionary<string, long> _positions = new(StringComparer.Ordinal);
    private long _lastPosition;

    public Task AddAsync(RoomInfo room, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_positions.TryGetValue(room.Id, out var position))
            {
                // As on MySQL: re-listing keeps the count the room last set.
                room = room with { MemberCount = _byPosition[position].MemberCount };
            }
            else
            {
                position = ++_lastPosition;
                _positions[room.Id] = position;
            }
            _byPosition[position] = room;
        }
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string roomId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_positions.Remove(roomId, out var position))
            {
                _byPosition.Remove(position);
            }
        }
        return Task.CompletedTask;
    }

    public Task SetMemberCountAsync(string roomId, int memberCount, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_positions.TryGetValue(roomId, out var position))
            {
                _byPosition[position] = _byPosition[position] with { MemberCount = memberCount };
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(long Position, RoomInfo Room)>> PageAsync(long afterPosition, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<(long, RoomInfo)> page = [.. _byPosition.Where(pair => pair.Key > afterPosition).Take(limit).Select(pair => (pair.Key, pair.Value))];
            return Task.FromResult(page);
        }
    }
}
