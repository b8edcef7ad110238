using MessagePack;

namespace Chat.Contracts;

/// <summary><c>room</c> of docs/PROTOCOL.md; <see cref="CreatedBy"/> is a user id.</summary>
[MessagePackObject]
public sealed record RoomDto(
    [property: Key("id")] string Id,
    [property: Key("name")] string Name,
    [property: Key("description")] string Description,
    [property: Key("isPublic")] bool IsPublic,
    [property: Key("createdBy")] string CreatedBy,
    [property: Key("createdAt")] long CreatedAt);
