using Chat.Gateway.Auth;
using Chat.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Hosting;

/// <summary>Says at start-up, once and plainly, how this gateway is deployed, and resolves the signing key early.</summary>
public sealed partial class StartupReport(
    DeploymentMode mode,
    IOptions<ChatClusterOptions> orleans,
    IOptions<ChatGatewayOptions> gateway,
    JwtSigningKey signingKey,
    ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (mode.IsEmbedded)
        {
            LogEmbedded(logger, gateway.Value.Id, orleans.Value.GatewayPort);
        }
        else
        {
            LogClustered(logger, gateway.Value.Id, orleans.Value.ClusterId, orleans.Value.ServiceId);
        }
        _ = signingKey.IsEphemeral;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "EMBEDDED MODE: no ConnectionStrings:Redis, so gateway {GatewayId} uses LOCALHOST CLUSTERING (silo gateway port {GatewayPort} on this machine). Fine for a laptop, not for production: set ConnectionStrings__Redis.")]
    private static partial void LogEmbedded(ILogger logger, string gatewayId, int gatewayPort);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway {GatewayId} joins cluster {ClusterId} (service {ServiceId}) through Redis clustering")]
    private static partial void LogClustered(ILogger logger, string gatewayId, string clusterId, string serviceId);
}
