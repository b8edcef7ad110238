using MessagePack;

namespace Chat.Contracts;

/// <summary><c>user</c> of docs/PROTOCOL.md (never the password hash).</summary>
[MessagePackObject]
public sealed record UserDto(
    [property: Key("id")] string Id,
    [property: Key("username")] string Username,
    [property: Key("email")] string Email,
    [property: Key("displayName")] string DisplayName,
    [property: Key("avatar")] string? Avatar,
    [property: Key("createdAt")] long CreatedAt);
