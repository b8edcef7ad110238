using Chat.Gateway.Hosting;
using Chat.Gateway.Lease;
using Chat.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Observability;

/// <summary>The gateway's part of the shared observability (<see cref="ObservabilityExtensions"/>).</summary>
public static class GatewayObservability
{
    /// <summary>
    /// Meters: the gateway's own (<see cref="GatewayMetrics"/>), ASP.NET Core's built-in ones (HTTP server, Kestrel,
    /// SignalR connections by transport, routing, rate limiting, auth) and the Orleans client's. Traces: ASP.NET Core
    /// requests (REST, hub negotiation, gRPC calls) and the grain calls they make (Orleans' activity propagation).
    /// </summary>
    public static readonly ObservabilityProfile Profile = new(
        "chat-gateway",
        [GatewayMetrics.MeterName, "Microsoft.AspNetCore.*", "Microsoft.Orleans"],
        [ObservabilityProfile.OrleansActivitySources]);

    public static WebApplicationBuilder AddGatewayObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(provider =>
        {
            var metrics = new GatewayMetrics(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
            var reachability = provider.GetRequiredService<ClusterReachability>();
            var lease = provider.GetRequiredService<IOptions<LeaseOptions>>();
            metrics.ObserveClusterReachability(() => reachability.IsReachable(lease.Value.Duration, out _));
            return metrics;
        });
        return builder.AddChatObservability(Profile);
    }
}
