namespace Chat.Leases;

/// <summary>
/// One lease per gateway process (key: gateway id). The gateway renews it in one call per interval,
/// whatever its number of connections, and tells it which rooms it has members in. When renewals stop for
/// longer than the lease, the grain drops the gateway from each of those rooms, so its users leave the online
/// lists: no ghost stays online.
/// </summary>
[Alias("chat.IGatewayGrain")]
public interface IGatewayGrain : IGrainWithStringKey
{
    /// <summary>
    /// Renews the lease for <paramref name="leaseDuration"/>. Returns false when this activation did not know the
    /// gateway (first renewal, or the grain was re-activated after a silo failure): the gateway then calls
    /// <see cref="TrackRooms"/> with every room it has members in.
    /// </summary>
    [Alias("Renew")]
    Task<bool> Renew(TimeSpan leaseDuration);

    /// <summary>Adds rooms in which the gateway now has joined connections.</summary>
    [Alias("TrackRooms")]
    Task TrackRooms(string[] roomIds);

    /// <summary>The gateway has no joined connection left in this room.</summary>
    [Alias("UntrackRoom")]
    Task UntrackRoom(string roomId);

    /// <summary>The gateway is shutting down gracefully: drop it from its rooms now, without waiting for the lease.</summary>
    [Alias("Release")]
    Task Release();
}
