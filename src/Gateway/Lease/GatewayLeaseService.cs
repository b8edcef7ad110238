using Chat.Gateway.Fanout;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Lease;

/// <summary>
/// Keeps this gateway's lease alive with one grain call per interval, whatever its number of connections. When
/// the grain did not know the gateway (it was re-activated, or the lease lapsed and the rooms dropped us), every
/// room is tracked and synced again. On a graceful shutdown the lease is released so that the gateway's users
/// leave their rooms at once rather than when the lease lapses.
/// </summary>
/// <remarks>
/// The resync runs beside the renewals, never inside them: a resync of many rooms can outlast the lease, and a
/// renewal that waited for it would let the lease lapse again, drop us from every room again, and so on (a storm of
/// left/joined events). While a resync runs, a newer lapse only marks the rooms again: the running pass or the next
/// periodic check sends them.
/// </remarks>
public sealed partial class GatewayLeaseService(
    IGatewayLease lease,
    LiveRooms rooms,
    ClusterReachability reachability,
    IOptions<LeaseOptions> options,
    TimeProvider time,
    ILogger<GatewayLeaseService> logger,
    IEnumerable<ILeaseFollower>? followers = null) : BackgroundService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _resync = Task.CompletedTask;
    /// <summary>The cluster forgot our rooms and has not been told them again yet (a failed re-track is retried).</summary>
    private bool _retrackDue;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The first renewal happens before the gateway serves anything, so /health is right from the first request.
        await RenewAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await _stopping.CancelAsync();
        await _resync;
        try
        {
            await lease.ReleaseAsync().WaitAsync(cancellationToken);
            LogReleased(logger, lease.GatewayId);
        }
        catch (Exception exception)
        {
            LogReleaseFailed(logger, lease.GatewayId, exception.Message);
        }
    }

    public override void Dispose()
    {
        _stopping.Dispose();
        base.Dispose();
    }

    /// <summary>The resync started by the last renewal that found the lease unknown (completed when none runs).</summary>
    internal Task Resync => _resync;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RenewInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RenewAsync(stoppingToken);
        }
    }

    /// <summary>One renewal; returns without waiting for the resync it may start.</summary>
    internal async Task RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A renewal that takes longer than an interval is as good as failed: the next one is due.
            var known = await lease.RenewAsync(options.Value.Duration).WaitAsync(options.Value.RenewInterval, time, cancellationToken);
            reachability.ReportSuccess();
            foreach (var follower in followers ?? [])
            {
                follower.AfterRenewal(known, _stopping.Token);
            }
            if (!known || _retrackDue)
            {
                _retrackDue = true;
                var roomIds = rooms.ActiveRoomIds;
                if (roomIds.Length > 0)
                {
                    LogRetracking(logger, lease.GatewayId, roomIds.Length);
                    StartResync();
                    await lease.TrackAllAsync(roomIds).WaitAsync(options.Value.RenewInterval, time, cancellationToken);
                }
                _retrackDue = false;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            reachability.ReportFailure(exception.Message);
            LogRenewFailed(logger, lease.GatewayId, exception.Message);
        }
    }

    private void StartResync()
    {
        rooms.MarkAllForResync();
        if (_resync.IsCompleted)
        {
            _resync = Task.Run(ResyncAsync);
        }
    }

    private async Task ResyncAsync()
    {
        try
        {
            await rooms.CheckRoomsAsync(_stopping.Token);
        }
        catch (Exception exception)
        {
            if (!_stopping.IsCancellationRequested)
            {
                LogResyncFailed(logger, lease.GatewayId, exception.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease of gateway {GatewayId} was unknown to the cluster; tracking its {Count} rooms again")]
    private static partial void LogRetracking(ILogger logger, string gatewayId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the lease of gateway {GatewayId}: {Reason}")]
    private static partial void LogRenewFailed(ILogger logger, string gatewayId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resyncing the rooms of gateway {GatewayId} failed; the periodic check retries: {Reason}")]
    private static partial void LogResyncFailed(ILogger logger, string gatewayId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released the lease of gateway {GatewayId}")]
    private static partial void LogReleased(ILogger logger, string gatewayId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the lease of gateway {GatewayId}; it lapses by itself: {Reason}")]
    private static partial void LogReleaseFailed(ILogger logger, string gatewayId, string reason);
}
