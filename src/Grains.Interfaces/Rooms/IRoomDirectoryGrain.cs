using System.Collections.Immutable;

namespace Chat.Rooms;

/// <summary>The list of public rooms (key: <see cref="Key"/>). Private rooms are listed by their members' user grains.</summary>
[Alias("chat.IRoomDirectoryGrain")]
public interface IRoomDirectoryGrain : IGrainWithStringKey
{
    const string Key = "public";

    [Alias("Add")]
    Task Add(RoomInfo room);

    /// <summary>Replaces a listed room's metadata (renamed, described); an unlisted room stays unlisted.</summary>
    [Alias("Update")]
    Task Update(RoomInfo room);

    /// <summary>Takes a deleted room off the list. Idempotent.</summary>
    [Alias("Remove")]
    Task Remove(string roomId);

    [Alias("GetPublicRooms")]
    Task<ImmutableArray<RoomInfo>> GetPublicRooms();
}
