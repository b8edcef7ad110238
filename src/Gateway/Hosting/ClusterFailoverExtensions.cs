using Chat.ServiceDefaults;
using Microsoft.Extensions.Options;
using OrleansGatewayOptions = Orleans.Configuration.GatewayOptions;

namespace Chat.Gateway.Hosting;

public static class ClusterFailoverExtensions
{
    /// <summary>
    /// Applies <see cref="ChatClusterOptions.GatewayListRefreshPeriod"/> to the Orleans client, so it notices joined
    /// or restarted silos within seconds. Call after <c>AddChatClusterClient</c> (which binds the options).
    /// </summary>
    public static IServiceCollection AddChatClusterFailover(this IServiceCollection services)
    {
        services.AddOptions<OrleansGatewayOptions>().Configure<IOptions<ChatClusterOptions>>((options, cluster) =>
            options.GatewayListRefreshPeriod = cluster.Value.GatewayListRefreshPeriod);
        return services;
    }
}
