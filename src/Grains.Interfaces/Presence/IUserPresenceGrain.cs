namespace Chat.Presence;

/// <summary>
/// A user's global presence (key: user id): which gateways hold at least one live connection of the user, and when
/// the user was last seen. Gateways report a user per gateway, not per connection (<see cref="Report"/> on the first
/// connection of the user there and after the last one closed), so a second tab costs no call. The grain registers
/// itself with each reporting gateway's lease (<see cref="Leases.IGatewayUsers"/>): when that lease lapses the gateway
/// is dropped here too, so a crashed gateway leaves no ghost for longer than the room ghost bound.
/// </summary>
[Alias("chat.IUserPresenceGrain")]
public interface IUserPresenceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Whether <paramref name="gatewayId"/> holds a live connection of the user now. Idempotent: gateways repeat it
    /// after their lease was unknown to the cluster. Going from online to offline records <c>lastSeenAt</c>.
    /// </summary>
    [Alias("Report")]
    Task Report(string gatewayId, bool online);

    /// <summary>The gateway's lease lapsed or was released: its connections of this user are gone.</summary>
    [Alias("DropGateway")]
    Task DropGateway(string gatewayId);

    [Alias("GetPresence")]
    Task<UserPresence> GetPresence();
}
