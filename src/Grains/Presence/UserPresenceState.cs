namespace Chat.Grains.Presence;

/// <summary>
/// What is stored of a user's presence: when they were last seen, and — only between a graceful deactivation (a silo
/// shutting down) and the next activation — the gateways that held their connections. Live changes to the gateways
/// are never written: a crashed gateway must not be remembered, and the next activation re-registers what it takes
/// back with those gateways' leases, so one that died meanwhile is dropped again within the lease bound.
/// </summary>
[GenerateSerializer, Alias("chat.UserPresenceState")]
public sealed class UserPresenceState
{
    /// <summary>Unix ms when the user's last live connection closed; null until it first happens.</summary>
    [Id(0)]
    public long? LastSeenAt { get; set; }

    /// <summary>The gateways handed over by a graceful deactivation; emptied by the next activation.</summary>
    [Id(1)]
    public HashSet<string> HandedOver { get; set; } = [];
}
