namespace Chat.Grains.Presence;

/// <summary>
/// What survives of a user's presence: only when they were last seen. Which gateways hold their connections is kept
/// in memory (a crashed gateway must not be remembered), and rebuilt by the gateways when their lease is unknown.
/// </summary>
[GenerateSerializer, Alias("chat.UserPresenceState")]
public sealed class UserPresenceState
{
    /// <summary>Unix ms when the user's last live connection closed; null until it first happens.</summary>
    [Id(0)]
    public long? LastSeenAt { get; set; }
}
