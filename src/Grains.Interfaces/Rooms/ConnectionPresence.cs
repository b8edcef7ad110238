namespace Chat.Rooms;

/// <summary>One live connection of a gateway joined to a room. Presence counts these per user.</summary>
[GenerateSerializer, Immutable, Alias("chat.ConnectionPresence")]
public sealed record ConnectionPresence(
    [property: Id(0)] string GatewayId,
    [property: Id(1)] string ConnectionId,
    [property: Id(2)] string UserId,
    [property: Id(3)] string Username);
