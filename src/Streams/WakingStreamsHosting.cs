using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;

namespace Chat.Streams;

/// <summary>
/// Registers the provider of <see cref="WakingQueueAdapterFactory"/>: Orleans persistent streams (pulling agents,
/// pub-sub, cache), in-memory queues whose reads wait for a message. Silos and clients register it under the same name.
/// </summary>
public static class WakingStreamsHosting
{
    /// <summary>
    /// On a silo: <paramref name="queues"/> queues, each read by its pulling agent at most once per
    /// <paramref name="pollingPeriod"/> while busy, and otherwise by one read that waits up to <paramref name="maxWait"/>.
    /// Pub-sub needs a grain storage named <c>PubSubStore</c> (or the provider's name), as for every Orleans stream provider.
    /// </summary>
    public static ISiloBuilder AddWakingStreams(this ISiloBuilder silo, string name, int queues, TimeSpan pollingPeriod, TimeSpan maxWait)
    {
        silo.Services.TryAddSingleton<DefaultMemoryMessageBodySerializer>();
        var streams = new SiloRecoverableStreamConfigurator(name, configure => silo.ConfigureServices(configure), WakingQueueAdapterFactory.Create);
        streams.Configure<HashRingStreamQueueMapperOptions>(o => o.Configure(m => m.TotalQueueCount = queues));
        streams.Configure<WakingQueueOptions>(o => o.Configure(w => w.MaxWait = maxWait));
        streams.ConfigurePullingAgent(o => o.Configure(a => a.GetQueueMsgsTimerPeriod = pollingPeriod));
        return silo;
    }

    /// <summary>
    /// On a client. One that only subscribes (a gateway) needs nothing else: events reach it from the silos' pulling
    /// agents. One that publishes must pass the silos' <paramref name="queues"/>, or its batches land in queues no agent reads.
    /// </summary>
    public static IClientBuilder AddWakingStreams(this IClientBuilder client, string name, int? queues = null)
    {
        client.Services.TryAddSingleton<DefaultMemoryMessageBodySerializer>();
        var streams = new ClusterClientPersistentStreamConfigurator(name, client, WakingQueueAdapterFactory.Create);
        if (queues is { } count)
        {
            streams.Configure<HashRingStreamQueueMapperOptions>(o => o.Configure(m => m.TotalQueueCount = count));
        }
        return client;
    }
}
