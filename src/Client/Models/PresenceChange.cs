using MessagePack;

namespace Chat.Client;

/// <summary>The payload of <c>UserJoined</c> / <c>UserLeft</c>: a user's first connection joined, or last one left, a room.</summary>
[MessagePackObject]
public sealed record PresenceChange(
    [property: Key("roomId")] string RoomId,
    [property: Key("userId")] string UserId,
    [property: Key("username")] string Username);
