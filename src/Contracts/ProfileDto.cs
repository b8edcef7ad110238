using MessagePack;

namespace Chat.Contracts;

/// <summary>
/// A user as others see them (<c>GET /users/{userId}</c>, <c>GET /users?ids=</c>; never the email): <c>online</c> while
/// any live connection (SignalR or WebSocket) of the user is open on any gateway; <c>lastSeenAt</c> (ms) when the last
/// one closed, null if that never happened.
/// </summary>
[MessagePackObject]
public sealed record ProfileDto(
    [property: Key("id")] string Id,
    [property: Key("username")] string Username,
    [property: Key("displayName")] string DisplayName,
    [property: Key("avatar")] string? Avatar,
    [property: Key("online")] bool Online,
    [property: Key("lastSeenAt")] long? LastSeenAt);

/// <summary>The answer of <c>GET /users?ids=</c>: the users found, in the order asked (unknown ids are left out).</summary>
public sealed record ProfilesResponse(IReadOnlyList<ProfileDto> Users);
