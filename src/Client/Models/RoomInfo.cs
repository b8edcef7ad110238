using MessagePack;

namespace Chat.Client;

/// <summary>A room as the caller may see it; <see cref="CreatedBy"/> is a user id.</summary>
[MessagePackObject]
public sealed record RoomInfo(
    [property: Key("id")] string Id,
    [property: Key("name")] string Name,
    [property: Key("description")] string Description,
    [property: Key("isPublic")] bool IsPublic,
    [property: Key("createdBy")] string CreatedBy,
    [property: Key("createdAt")] long CreatedAt);
