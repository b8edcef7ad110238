namespace Chat.Rooms;

/// <summary>A room's public metadata. <see cref="CreatedBy"/> is a user id ("system" for the default rooms).</summary>
[GenerateSerializer, Immutable, Alias("chat.RoomInfo")]
public sealed record RoomInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Description,
    [property: Id(3)] bool IsPublic,
    [property: Id(4)] string CreatedBy,
    [property: Id(5)] long CreatedAt);
