using Chat.ServiceDefaults;

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
        builder.Services.AddSingleton<GatewayMetrics>();
        return builder.AddChatObservability(Profile);
    }
}
