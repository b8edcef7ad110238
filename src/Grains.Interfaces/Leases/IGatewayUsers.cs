using Orleans.Concurrency;

namespace Chat.Leases;

/// <summary>
/// The users side of a gateway's lease (the same grain as <see cref="IGatewayGrain"/>, key: gateway id): which users'
/// presence grains count this gateway. When the lease lapses or is released, each of them drops the gateway.
/// Both calls interleave with the lease's own work, so a presence grain that reports while the lease is dropping it
/// never waits on a call cycle.
/// </summary>
[Alias("chat.IGatewayUsers")]
public interface IGatewayUsers : IGrainWithStringKey
{
    [AlwaysInterleave, Alias("TrackUsers")]
    Task TrackUsers(string[] userIds);

    [AlwaysInterleave, Alias("UntrackUser")]
    Task UntrackUser(string userId);
}
