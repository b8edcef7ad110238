using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace Chat.Streams;

/// <summary>
/// The stream provider's adapter (factory, adapter and cache factory in one, as Orleans' memory streams): streams are
/// hashed over <see cref="HashRingStreamQueueMapperOptions.TotalQueueCount"/> queue grains
/// (<see cref="IWakingQueueGrain"/>); a publisher enqueues into its stream's queue; each silo's pulling agents read
/// their queues with <see cref="WakingQueueReceiver"/> and cache them in <see cref="WakingQueueCache"/>.
/// Delivery is best effort, as with memory streams: a batch is gone once read, and a queue dies with its silo.
/// </summary>
public sealed partial class WakingQueueAdapterFactory : IQueueAdapterFactory, IQueueAdapter, IQueueAdapterCache
{
    private const int BlockSize = 1 << 20;

    private readonly WakingQueueOptions _options;
    private readonly StreamCacheEvictionOptions _eviction;
    private readonly StreamStatisticOptions _statistics;
    private readonly IGrainFactory _grains;
    private readonly DefaultMemoryMessageBodySerializer _serializer;
    private readonly OrleansInstruments? _instruments;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly HashRingBasedStreamQueueMapper _mapper;
    private readonly TimePurgePredicate _purge;
    private readonly IStreamFailureHandler _failureHandler = new NoOpStreamDeliveryFailureHandler();
    private readonly Lazy<(IObjectPool<FixedSizeBuffer> Pool, string Id)> _blocks;

    private WakingQueueAdapterFactory(string name, IServiceProvider services)
    {
        Name = name;
        _options = services.GetOptionsByName<WakingQueueOptions>(name);
        _eviction = services.GetOptionsByName<StreamCacheEvictionOptions>(name);
        _statistics = services.GetOptionsByName<StreamStatisticOptions>(name);
        _grains = services.GetRequiredService<IGrainFactory>();
        _serializer = services.GetRequiredService<DefaultMemoryMessageBodySerializer>();
        _instruments = services.GetService<OrleansInstruments>();
        _loggers = services.GetRequiredService<ILoggerFactory>();
        _logger = _loggers.CreateLogger<WakingQueueAdapterFactory>();
        _mapper = new HashRingBasedStreamQueueMapper(services.GetOptionsByName<HashRingStreamQueueMapperOptions>(name), name);
        _purge = new TimePurgePredicate(_eviction.DataMinTimeInCache, _eviction.DataMaxAgeInCache);
        // Only silos cache (a client never reads a queue), so the 1 MiB blocks are made on first use.
        _blocks = new(CreateBlockPool);
    }

    /// <summary>The provider's factory, as Orleans' stream configurators take it.</summary>
    public static WakingQueueAdapterFactory Create(IServiceProvider services, string name) => new(name, services);

    public string Name { get; }

    /// <summary>As memory streams: a consumer may ask for a token still in its agent's cache.</summary>
    public bool IsRewindable => true;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(this);

    public IQueueAdapterCache GetQueueAdapterCache() => this;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => Task.FromResult(_failureHandler);

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new WakingQueueReceiver(QueueGrain(queueId), _serializer, _options.MaxWait,
            _loggers.CreateLogger($"{typeof(WakingQueueReceiver).FullName}.{Name}.{queueId}"));

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        try
        {
            var data = new MemoryMessageData
            {
                StreamId = streamId,
                EnqueueTimeUtc = DateTime.UtcNow,
                Payload = _serializer.Serialize(new MemoryMessageBody(events.Cast<object>(), requestContext)),
            };
            await QueueGrain(_mapper.GetQueueForStream(streamId)).Enqueue(data);
        }
        catch (Exception exception)
        {
            LogEnqueueFailed(_logger, exception, streamId);
            throw;
        }
    }

    public IQueueCache CreateQueueCache(QueueId queueId)
    {
        var (pool, poolId) = _blocks.Value;
        var monitor = _instruments is null ? null : new DefaultCacheMonitor(new CacheMonitorDimensions(queueId.ToString(), poolId), _instruments);
        return new WakingQueueCache(pool, _purge, _loggers.CreateLogger($"{typeof(WakingQueueCache).FullName}.{Name}.{queueId}"),
            _serializer, monitor, _statistics.StatisticMonitorWriteInterval, _eviction.MetadataMinTimeInCache);
    }

    private IWakingQueueGrain QueueGrain(QueueId queueId) => _grains.GetGrain<IWakingQueueGrain>($"{Name}/{queueId.GetNumericId()}");

    private (IObjectPool<FixedSizeBuffer>, string) CreateBlockPool()
    {
        var dimensions = new BlockPoolMonitorDimensions($"BlockPool-{Guid.NewGuid()}");
        var monitor = _instruments is null ? null : new ObjectPoolMonitorBridge(new DefaultBlockPoolMonitor(dimensions, _instruments), BlockSize);
        return (new ObjectPool<FixedSizeBuffer>(() => new FixedSizeBuffer(BlockSize), monitor, _statistics.StatisticMonitorWriteInterval), dimensions.BlockPoolId);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Enqueueing a batch on stream {StreamId} failed")]
    private static partial void LogEnqueueFailed(ILogger logger, Exception exception, StreamId streamId);
}
