using Chat.Gateway.Lease;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Hosting;

/// <summary>
/// <c>/health</c>: 200 while the gateway can reach the cluster, else 503. <c>/health/ready</c>: the same, and 503
/// as soon as the gateway begins to shut down, so that load balancers stop sending new connections first.
/// <c>/health/live</c>: 200 while the process serves requests at all (a liveness probe: restarting a gateway never
/// fixes an unreachable cluster, its client reconnects on its own).
/// </summary>
public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddChatHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<ClusterReachability>();
        services.AddHealthChecks()
            .AddCheck<ClusterHealthCheck>("cluster")
            .AddCheck<AcceptingTrafficHealthCheck>("accepting-traffic", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapChatHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => !check.Tags.Contains(ReadyTag) });
        endpoints.MapHealthChecks("/health/ready");
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        return endpoints;
    }

    private sealed class ClusterHealthCheck(ClusterReachability reachability, IOptions<LeaseOptions> lease) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(reachability.IsReachable(lease.Value.Duration, out var failure)
                ? HealthCheckResult.Healthy("The cluster answers.")
                : HealthCheckResult.Unhealthy(failure ?? "No recent answer from the cluster."));
    }

    private sealed class AcceptingTrafficHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
                ? HealthCheckResult.Unhealthy("Shutting down.")
                : HealthCheckResult.Healthy());
    }
}
