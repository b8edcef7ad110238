using System.Net;
using Chat.Rooms;
using Chat.ServiceDefaults;
using Chat.ServiceDefaults.Secrets;
using Chat.Streams;
using Microsoft.Extensions.Options;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Chat.Gateway.Hosting;

public static class ClusterClientExtensions
{
    /// <summary>
    /// The Orleans client: Redis clustering when <c>ConnectionStrings:Redis</c> is set, localhost clustering
    /// otherwise (the embedded default); the room stream provider; time-outs short enough that a call the cluster
    /// cannot serve fails in seconds. Which clustering is used is decided by the configuration present now
    /// (environment, command line); every value is read when the host is built, so later overrides apply.
    /// </summary>
    public static WebApplicationBuilder AddChatClusterClient(this WebApplicationBuilder builder)
    {
        var mode = DeploymentMode.From(builder.Configuration);
        DatastoreSecrets.EnsureStrong(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(mode);
        builder.Services.AddValidatedOptions<ChatClusterOptions>(ChatClusterOptions.SectionName);

        builder.UseOrleansClient(client =>
        {
            if (mode.IsEmbedded)
            {
                client.UseStaticClustering(static (OptionsBuilder<StaticGatewayListProviderOptions> gateways) =>
                    gateways.Configure<IOptions<ChatClusterOptions>>((options, orleans) =>
                        options.Gateways = [new IPEndPoint(IPAddress.Loopback, orleans.Value.GatewayPort).ToGatewayUri()]));
            }
            else
            {
                client.UseRedisClustering(static _ => { });
                client.Services.AddOptions<RedisClusteringOptions>().Configure<IConfiguration>((options, configuration) =>
                    options.ConfigurationOptions = ConfigurationOptions.Parse(DeploymentMode.From(configuration).RedisConnectionString!));
            }

            client.Services.AddOptions<ClusterOptions>().Configure<IOptions<ChatClusterOptions>>((options, orleans) =>
            {
                options.ClusterId = orleans.Value.ClusterId;
                options.ServiceId = orleans.Value.ServiceId;
            });
            client.Services.AddOptions<ClientMessagingOptions>().Configure<IOptions<ChatClusterOptions>>((options, orleans) =>
                options.ResponseTimeout = orleans.Value.ResponseTimeout);
            client.UseConnectionRetryFilter<ClusterConnectionRetryFilter>();
            // Grain calls carry the caller's trace (W3C trace context), so one send is one trace from the transport to the INSERT.
            client.AddActivityPropagation();
            client.UseClusterTls(builder.Configuration);
            // The silos' stream provider (Chat.Streams), subscribe only: the gateway never publishes (grains do), so its
            // queue count never has to match the silo's Chat:Streams:Queues.
            client.AddWakingStreams(ChatStreams.ProviderName);
        });
        return builder;
    }
}
