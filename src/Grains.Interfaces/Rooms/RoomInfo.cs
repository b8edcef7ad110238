namespace Chat.Rooms;

/// <summary>
/// A room's public metadata. <see cref="CreatedBy"/> is a user id ("system" for the default rooms). <see cref="Kind"/>,
/// <see cref="OwnerId"/> (null for a direct message: nobody administers it) and <see cref="MemberCount"/> came with
/// server-side membership; state written before them reads as the defaults and the room grain fills them in.
/// <see cref="DirectUserIds"/> are the two users of a direct message (null for other rooms).
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.RoomInfo")]
public sealed record RoomInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Description,
    [property: Id(3)] bool IsPublic,
    [property: Id(4)] string CreatedBy,
    [property: Id(5)] long CreatedAt,
    [property: Id(6)] RoomKind Kind = RoomKind.Public,
    [property: Id(7)] string? OwnerId = null,
    [property: Id(8)] int MemberCount = 0,
    [property: Id(9)] string[]? DirectUserIds = null);
