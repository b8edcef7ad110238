using Chat.Gateway.Fanout;

namespace Chat.Gateway.Lease;

/// <summary>This gateway's lease in the cluster: renewed on a timer, told which rooms the gateway has members in.</summary>
public interface IGatewayLease : IRoomTracker
{
    /// <summary>Renews for <paramref name="duration"/>; false when the cluster did not know this gateway (track everything again).</summary>
    Task<bool> RenewAsync(TimeSpan duration);

    Task TrackAllAsync(string[] roomIds);

    /// <summary>A graceful shutdown: the cluster drops this gateway from its rooms now.</summary>
    Task ReleaseAsync();
}
