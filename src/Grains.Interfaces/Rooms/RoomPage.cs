using System.Collections.Immutable;

namespace Chat.Rooms;

/// <summary>One page of the public room directory; <see cref="NextCursor"/> is null on the last page.</summary>
[GenerateSerializer, Immutable, Alias("chat.RoomPage")]
public sealed record RoomPage(
    [property: Id(0)] ImmutableArray<RoomInfo> Rooms,
    [property: Id(1)] string? NextCursor);
