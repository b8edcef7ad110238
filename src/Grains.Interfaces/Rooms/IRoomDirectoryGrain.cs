using System.Collections.Immutable;

namespace Chat.Rooms;

/// <summary>
/// The list of public rooms (key: <see cref="Key"/>), stored as rows and read in pages, so that its size limits
/// nothing. Private rooms are listed by their members' user grains.
/// </summary>
[Alias("chat.IRoomDirectoryGrain")]
public interface IRoomDirectoryGrain : IGrainWithStringKey
{
    const string Key = "public";

    [Alias("Add")]
    Task Add(RoomInfo room);

    /// <summary>Replaces a listed room's metadata (renamed, described). Idempotent.</summary>
    [Alias("Update")]
    Task Update(RoomInfo room);

    /// <summary>The first page (<see cref="DefaultPageSize"/> rooms), for callers that do not page.</summary>
    [Alias("GetPublicRooms"), Orleans.Concurrency.ReadOnly]
    Task<ImmutableArray<RoomInfo>> GetPublicRooms();

    /// <summary>Rooms in the order they were listed, after <paramref name="cursor"/> (null: from the first).</summary>
    [Alias("GetPage"), Orleans.Concurrency.ReadOnly]
    Task<RoomPage> GetPage(string? cursor, int limit);

    /// <summary>Takes a room off the list (it was deleted or made private). Idempotent.</summary>
    [Alias("Remove")]
    Task Remove(string roomId);

    const int DefaultPageSize = 100;

    const int MaxPageSize = 200;
}
