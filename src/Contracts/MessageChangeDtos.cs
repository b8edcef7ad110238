using MessagePack;

namespace Chat.Contracts;

/// <summary><c>replyTo</c> of a message: the message it answers as that one is now (excerpt empty once it is deleted).</summary>
[MessagePackObject]
public sealed record ReplyToDto(
    [property: Key("seq")] long Seq,
    [property: Key("userId")] string UserId,
    [property: Key("username")] string Username,
    [property: Key("excerpt")] string Excerpt);

/// <summary>One emoji on a message: how many reacted and who, in the order they reacted.</summary>
[MessagePackObject]
public sealed record ReactionDto(
    [property: Key("emoji")] string Emoji,
    [property: Key("count")] int Count,
    [property: Key("userIds")] IReadOnlyList<string> UserIds);

/// <summary>The payload of <c>MessageUpdated</c>: change <see cref="ChangeSeq"/> of the room, with the message's whole current state.</summary>
[MessagePackObject]
public sealed record MessageUpdatedDto(
    [property: Key("roomId")] string RoomId,
    [property: Key("changeSeq")] long ChangeSeq,
    [property: Key("message")] MessageDto Message);

/// <summary>One entry of <c>GET /chat/rooms/{roomId}/changes</c>: a change and the changed message as it is now.</summary>
[MessagePackObject]
public sealed record MessageChangeDto(
    [property: Key("changeSeq")] long ChangeSeq,
    [property: Key("message")] MessageDto Message);

/// <summary><c>GET /chat/rooms/{roomId}/changes</c> (and the hub's <c>GetChanges</c>): changes ascending, and the room's newest changeSeq.</summary>
[MessagePackObject]
public sealed record ChangesDto(
    [property: Key("changes")] IReadOnlyList<MessageChangeDto> Changes,
    [property: Key("lastChangeSeq")] long LastChangeSeq);
