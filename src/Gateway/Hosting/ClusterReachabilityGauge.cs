using Chat.Gateway.Lease;
using Chat.Gateway.Observability;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Hosting;

/// <summary>
/// Publishes <see cref="ClusterReachability"/> as the gauge <c>chat.cluster.reachable</c>, with the window the health
/// check uses (the lease duration), so the alert and <c>/health</c> agree.
/// </summary>
public sealed class ClusterReachabilityGauge(GatewayMetrics metrics, ClusterReachability reachability, IOptions<LeaseOptions> lease) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.ObserveClusterReachability(() => reachability.IsReachable(lease.Value.Duration, out _));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
