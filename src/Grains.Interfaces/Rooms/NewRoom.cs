namespace Chat.Rooms;

/// <summary>A validated request to create a room; the id is the grain key.</summary>
[GenerateSerializer, Immutable, Alias("chat.NewRoom")]
public sealed record NewRoom(
    [property: Id(0)] string Name,
    [property: Id(1)] string Description,
    [property: Id(2)] bool IsPublic,
    [property: Id(3)] string CreatedBy);
