using System.Text.Json.Serialization;
using MessagePack;

namespace Chat.Contracts;

// Membership, read state and direct messages (docs/PROTOCOL.md, "Membership, read state, direct messages"): the
// bodies of their REST calls and the payloads of the user events, as every HTTP-based transport shows them.

/// <summary>
/// A room in the caller's list: the fields of <see cref="RoomDto"/> plus where the room and the caller stand in it.
/// <see cref="UnreadCount"/> is <c>lastSeq - lastReadSeq</c>; <see cref="LastMessageAt"/> is null for a room without messages.
/// </summary>
[MessagePackObject]
public sealed record MyRoomDto(
    [property: Key("id")] string Id,
    [property: Key("name")] string Name,
    [property: Key("description")] string Description,
    [property: Key("isPublic")] bool IsPublic,
    [property: Key("createdBy")] string CreatedBy,
    [property: Key("createdAt")] long CreatedAt,
    [property: Key("kind")] string Kind,
    [property: Key("ownerId")] string? OwnerId,
    [property: Key("memberCount")] int MemberCount,
    [property: Key("dmUserIds"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? DmUserIds,
    [property: Key("lastSeq")] long LastSeq,
    [property: Key("lastReadSeq")] long LastReadSeq,
    [property: Key("unreadCount")] long UnreadCount,
    [property: Key("mentionCount")] int MentionCount,
    [property: Key("lastChangeSeq")] long LastChangeSeq,
    [property: Key("lastMessageAt")] long? LastMessageAt);

/// <summary><c>GET /users/me/rooms</c>.</summary>
public sealed record MyRoomsResponse(IReadOnlyList<MyRoomDto> Rooms);

/// <summary><c>PUT /chat/rooms/{roomId}/read</c>.</summary>
public sealed record MarkReadRequest(long? Seq);

/// <summary><c>POST /chat/dms</c>.</summary>
public sealed record OpenDmRequest(string? Username);

/// <summary><c>PATCH /chat/rooms/{roomId}</c>: absent fields stay.</summary>
public sealed record UpdateRoomRequest(string? Name, string? Description);

/// <summary>The payload of <c>RoomAdded</c> and <c>RoomUpdated</c>: <c>{room}</c>, the room as the user's list shows it.</summary>
[MessagePackObject]
public sealed record RoomChangedDto([property: Key("room")] MyRoomDto Room);

/// <summary>The payload of <c>RoomRemoved</c>: <c>{roomId}</c>.</summary>
[MessagePackObject]
public sealed record RoomRemovedDto([property: Key("roomId")] string RoomId);

/// <summary>The payload of <c>ReadUpdated</c> (and the answer of a read): <c>{roomId, lastReadSeq, mentionCount}</c>.</summary>
[MessagePackObject]
public sealed record ReadUpdatedDto(
    [property: Key("roomId")] string RoomId,
    [property: Key("lastReadSeq")] long LastReadSeq,
    [property: Key("mentionCount")] int MentionCount);
