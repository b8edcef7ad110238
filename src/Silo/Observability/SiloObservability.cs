using Chat.Grains.Observability;
using Chat.ServiceDefaults;

namespace Chat.Silo.Observability;

/// <summary>The silo's part of the shared observability (<see cref="ObservabilityExtensions"/>).</summary>
public static class SiloObservability
{
    /// <summary>
    /// Meters: the grains' own (<see cref="ChatGrainMetrics"/>), Orleans' (activations, messaging, storage, streams,
    /// membership), MySqlConnector's connection pool and the HTTP host's (health, dashboard, metrics requests).
    /// Traces: grain calls (Orleans' activity propagation) and MySqlConnector's commands.
    /// </summary>
    public static readonly ObservabilityProfile Profile = new(
        "chat-silo",
        [ChatGrainMetrics.MeterName, "Microsoft.Orleans", "MySqlConnector", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"],
        [ObservabilityProfile.OrleansActivitySources, ObservabilityProfile.MySqlActivitySource]);

    public static WebApplicationBuilder AddSiloObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ChatGrainMetrics>();
        return builder.AddChatObservability(Profile);
    }
}
