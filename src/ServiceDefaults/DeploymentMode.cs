using Microsoft.Extensions.Configuration;

namespace Chat.ServiceDefaults;

/// <summary>
/// Where the cluster is: with <c>ConnectionStrings:Redis</c> silos and gateways find each other through Redis
/// clustering (the production profile, any number of machines); without it, it is the embedded default on this
/// machine (localhost clustering).
/// </summary>
public sealed record DeploymentMode(string? RedisConnectionString)
{
    public bool IsEmbedded => string.IsNullOrWhiteSpace(RedisConnectionString);

    public static DeploymentMode From(IConfiguration configuration) => new(configuration.GetConnectionString("Redis"));
}
