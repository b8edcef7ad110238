using System.Text.Json.Serialization;
using MessagePack;

namespace Chat.Contracts;

/// <summary>
/// <c>room</c> of docs/PROTOCOL.md; <see cref="CreatedBy"/> and <see cref="OwnerId"/> are user ids (no owner: a direct
/// message, or a default room). <see cref="DmUserIds"/> are a direct message's two users (absent for other rooms).
/// </summary>
[MessagePackObject]
public sealed record RoomDto(
    [property: Key("id")] string Id,
    [property: Key("name")] string Name,
    [property: Key("description")] string Description,
    [property: Key("isPublic")] bool IsPublic,
    [property: Key("createdBy")] string CreatedBy,
    [property: Key("createdAt")] long CreatedAt,
    [property: Key("kind")] string Kind = RoomKinds.Public,
    [property: Key("ownerId")] string? OwnerId = null,
    [property: Key("memberCount")] int MemberCount = 0,
    [property: Key("dmUserIds"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? DmUserIds = null);

/// <summary>Values of <see cref="RoomDto.Kind"/>.</summary>
public static class RoomKinds
{
    public const string Public = "public";
    public const string Private = "private";
    public const string Dm = "dm";
}
