using MessagePack;

namespace Chat.Contracts;

/// <summary>The payload of <c>UserJoined</c> / <c>UserLeft</c>: <c>{roomId, userId, username}</c>.</summary>
[MessagePackObject]
public sealed record PresenceDto(
    [property: Key("roomId")] string RoomId,
    [property: Key("userId")] string UserId,
    [property: Key("username")] string Username);
