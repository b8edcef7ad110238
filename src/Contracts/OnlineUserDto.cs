using MessagePack;

namespace Chat.Contracts;

/// <summary>A user online in a room: <c>{userId, username}</c>.</summary>
[MessagePackObject]
public sealed record OnlineUserDto(
    [property: Key("userId")] string UserId,
    [property: Key("username")] string Username);
