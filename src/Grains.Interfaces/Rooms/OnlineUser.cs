namespace Chat.Rooms;

/// <summary>A user with at least one live connection joined to a room.</summary>
[GenerateSerializer, Immutable, Alias("chat.OnlineUser")]
public sealed record OnlineUser(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Username);
