using MessagePack;

namespace Chat.Client;

/// <summary>A user online in a room.</summary>
[MessagePackObject]
public sealed record OnlineUser(
    [property: Key("userId")] string UserId,
    [property: Key("username")] string Username);
