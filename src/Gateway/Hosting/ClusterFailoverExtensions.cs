using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using OrleansGatewayOptions = Orleans.Configuration.GatewayOptions;

namespace Chat.Gateway.Hosting;

/// <summary>
/// How quickly the gateway's Orleans client notices a change of silos (section <c>Orleans</c>, next to the cluster
/// id): Orleans re-reads the list of silo gateways from the membership table once a minute by default, so a silo that
/// joined (scale-out, a restarted silo after a crash or a deploy) would get no client traffic for up to a minute, and
/// a gateway that lost every silo it knew would wait as long to find the new ones. One Redis read per period per
/// gateway is cheap. (A dead silo is dropped from the list at once when its connection breaks; that needs no setting.)
/// </summary>
public sealed class ClusterFailoverOptions
{
    public const string SectionName = "Orleans";

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);
}

public static class ClusterFailoverExtensions
{
    /// <summary>Applies <see cref="ClusterFailoverOptions"/> to the Orleans client. Call after <c>AddChatClusterClient</c>.</summary>
    public static IServiceCollection AddChatClusterFailover(this IServiceCollection services)
    {
        services.AddOptions<ClusterFailoverOptions>()
            .BindConfiguration(ClusterFailoverOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OrleansGatewayOptions>().Configure<IOptions<ClusterFailoverOptions>>((options, failover) =>
            options.GatewayListRefreshPeriod = failover.Value.GatewayListRefreshPeriod);
        return services;
    }
}
