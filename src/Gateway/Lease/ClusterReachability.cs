namespace Chat.Gateway.Lease;

/// <summary>
/// Whether this gateway can reach the cluster, as its lease renewals show: a renewal is one real round trip to a
/// grain, every few seconds, so the answer costs nothing extra and is never older than one renewal interval.
/// </summary>
public sealed class ClusterReachability(TimeProvider time)
{
    private long _lastSuccessTicks = -1;
    private string? _lastFailure;

    public void ReportSuccess()
    {
        Volatile.Write(ref _lastSuccessTicks, time.GetUtcNow().UtcTicks);
        _lastFailure = null;
    }

    public void ReportFailure(string reason) => _lastFailure = reason;

    /// <summary>True when a call succeeded within <paramref name="window"/> and none failed since.</summary>
    public bool IsReachable(TimeSpan window, out string? failure)
    {
        failure = _lastFailure;
        var last = Volatile.Read(ref _lastSuccessTicks);
        return failure is null && last >= 0 && time.GetUtcNow().UtcTicks - last <= window.Ticks;
    }
}
