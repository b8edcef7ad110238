using Chat.Rooms;

namespace Chat.Grains.Storage;

/// <summary>
/// The public rooms as rows, each with a position that only grows (its place in the listing): adding is an upsert
/// that keeps a listed room's position; a page is the rooms after a position, in position order.
/// </summary>
public interface IRoomDirectoryStore
{
    Task AddAsync(RoomInfo room, CancellationToken cancellationToken = default);

    Task RemoveAsync(string roomId, CancellationToken cancellationToken = default);

    /// <summary>Sets a listed room's member count (nothing happens for a room that is not listed). Idempotent.</summary>
    Task SetMemberCountAsync(string roomId, int memberCount, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> rooms after <paramref name="afterPosition"/>, each with its position.</summary>
    Task<IReadOnlyList<(long Position, RoomInfo Room)>> PageAsync(long afterPosition, int limit, CancellationToken cancellationToken = default);
}
