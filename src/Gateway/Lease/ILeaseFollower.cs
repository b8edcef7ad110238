namespace Chat.Gateway.Lease;

/// <summary>
/// State the cluster keeps for this gateway beside its rooms (global user presence), repaired with the lease: told
/// after each successful renewal whether the cluster knew this gateway. Must return at once (work runs beside the
/// renewals, as the rooms' resync does).
/// </summary>
public interface ILeaseFollower
{
    void AfterRenewal(bool leaseWasKnown, CancellationToken stopping);
}
