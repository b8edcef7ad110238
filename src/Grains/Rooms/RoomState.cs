using Chat.Rooms;

namespace Chat.Grains.Rooms;

/// <summary>A room's durable state: metadata and, for a private room, who may enter. Messages live in the message log.</summary>
[GenerateSerializer, Alias("chat.RoomState")]
public sealed class RoomState
{
    [Id(0)]
    public RoomInfo? Info { get; set; }

    /// <summary>Users allowed into a private room (its creator included). Empty for public rooms.</summary>
    [Id(1)]
    public HashSet<string> Members { get; set; } = [];
}
