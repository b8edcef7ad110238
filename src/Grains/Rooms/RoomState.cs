using Chat.Rooms;

namespace Chat.Grains.Rooms;

/// <summary>A room's durable state: metadata and, for a private room, who may enter. Messages live in the message log.</summary>
[GenerateSerializer, Alias("chat.RoomState")]
public sealed class RoomState
{
    [Id(0)]
    public RoomInfo? Info { get; set; }

    /// <summary>
    /// The room's members (its creator included): who may enter a private room, and whose list shows the room. Public
    /// rooms created before membership existed start with none.
    /// </summary>
    [Id(1)]
    public HashSet<string> Members { get; set; } = [];

    /// <summary>Users the owner removed: they may not enter the room again, public or not (conv ids: 40-49).</summary>
    [Id(40)]
    public HashSet<string> Removed { get; set; } = [];

    /// <summary>The owner deleted the room: it answers NotFound to everyone, and its id stays taken (its messages remain in the log).</summary>
    [Id(41)]
    public bool Deleted { get; set; }
}
