using System.Collections.Immutable;

namespace Chat.Rooms;

/// <summary>What a joining connection needs to start: the room, who is online (the caller included) the newest seq and changeSeq.</summary>
[GenerateSerializer, Immutable, Alias("chat.JoinResult")]
public sealed record JoinResult(
    [property: Id(0)] RoomInfo Room,
    [property: Id(1)] ImmutableArray<OnlineUser> OnlineUsers,
    [property: Id(2)] long LastSeq)
{
    /// <summary>The room's newest changeSeq (0 when no message was ever changed).</summary>
    [Id(3)]
    public long LastChangeSeq { get; init; }
}
