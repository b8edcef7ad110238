using System.Collections.Immutable;

namespace Chat.Rooms;

/// <summary>The list of public rooms (key: <see cref="Key"/>). Private rooms are listed by their members' user grains.</summary>
[Alias("chat.IRoomDirectoryGrain")]
public interface IRoomDirectoryGrain : IGrainWithStringKey
{
    const string Key = "public";

    [Alias("Add")]
    Task Add(RoomInfo room);

    [Alias("GetPublicRooms")]
    Task<ImmutableArray<RoomInfo>> GetPublicRooms();
}
