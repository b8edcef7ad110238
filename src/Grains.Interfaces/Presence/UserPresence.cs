namespace Chat.Presence;

/// <summary>
/// A user's global presence: <paramref name="Online"/> while any gateway holds a live connection of theirs;
/// <paramref name="LastSeenAt"/> (ms) when the last one closed, null for a user never seen going offline.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.UserPresence")]
public sealed record UserPresence(
    [property: Id(0)] bool Online,
    [property: Id(1)] long? LastSeenAt);
