using Microsoft.Extensions.Logging;
using Orleans.Providers;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace Chat.Streams;

/// <summary>
/// A pulling agent's cache of one queue: Orleans' <see cref="PooledQueueCache"/> over pooled 1 MiB blocks, purged by
/// age (<see cref="Orleans.Configuration.StreamCacheEvictionOptions"/>), as Orleans' memory streams cache. Consumers
/// read it through cursors; a cache never pushes back on its queue.
/// </summary>
internal sealed class WakingQueueCache : IQueueCache, ICacheDataAdapter
{
    /// <summary>Batches the agent may add per read (Orleans' memory cache's figure): a read asks the queue for at most this many.</summary>
    private const int MaxAddCount = 100;

    private readonly IObjectPool<FixedSizeBuffer> _blocks;
    private readonly DefaultMemoryMessageBodySerializer _serializer;
    private readonly PooledQueueCache _cache;
    private readonly ChronologicalEvictionStrategy _eviction;
    private FixedSizeBuffer? _block;

    public WakingQueueCache(IObjectPool<FixedSizeBuffer> blocks, TimePurgePredicate purge, ILogger logger,
        DefaultMemoryMessageBodySerializer serializer, ICacheMonitor? monitor, TimeSpan? monitorInterval, TimeSpan? metadataMinTime)
    {
        _blocks = blocks;
        _serializer = serializer;
        _cache = new PooledQueueCache(this, logger, monitor, monitorInterval, metadataMinTime);
        _eviction = new ChronologicalEvictionStrategy(logger, purge, monitor, monitorInterval) { PurgeObservable = _cache };
    }

    public int GetMaxAddCount() => MaxAddCount;

    public void AddToCache(IList<IBatchContainer> messages)
    {
        var now = DateTime.UtcNow;
        var cached = new List<CachedMessage>(messages.Count);
        foreach (var batch in messages)
        {
            var data = ((WakingQueueBatch)batch).Data;
            cached.Add(new CachedMessage
            {
                StreamId = data.StreamId,
                SequenceNumber = data.SequenceNumber,
                EnqueueTimeUtc = data.EnqueueTimeUtc,
                DequeueTimeUtc = now,
                Segment = CopyIntoBlock(data.Payload),
            });
        }
        _cache.Add(cached, now);
    }

    public bool TryPurgeFromCache(out IList<IBatchContainer> purgedItems)
    {
        // Purged batches need no acknowledgement: the queue forgot them when they were read.
        purgedItems = null!;
        _eviction.PerformPurge(DateTime.UtcNow);
        if (_cache.IsEmpty)
        {
            // Every block went back to the pool: the next batch starts a fresh one.
            _block = null;
        }
        return false;
    }

    [Obsolete("The pulling agent asks through IQueueCache.TryGetCacheCursor.")]
    public IQueueCacheCursor GetCacheCursor(StreamId streamId, StreamSequenceToken? token) =>
        ((IQueueCache)this).TryGetCacheCursor(streamId, token) switch
        {
            { Kind: QueueCacheCursorResultKind.Success, Cursor: { } cursor } => cursor,
            { CacheMiss: { } miss } => throw miss.ToException(),
            var other => throw new InvalidOperationException($"Unexpected cache cursor result {other.Kind}."),
        };

    QueueCacheCursorResult<IQueueCacheCursor> IQueueCache.TryGetCacheCursor(StreamId streamId, StreamSequenceToken? token) =>
        Wrap(_cache.TryGetCursor(streamId, token));

    QueueCacheCursorResult<IQueueCacheCursor> IQueueCache.TryGetCacheCursorAtPosition(StreamId streamId, StreamSubscriptionStartPosition startPosition) =>
        Wrap(_cache.TryGetCursorAtPosition(streamId, startPosition));

    public bool IsUnderPressure() => false;

    public IBatchContainer GetBatchContainer(ref CachedMessage cachedMessage)
    {
        var offset = 0;
        var payload = SegmentBuilder.ReadNextBytes(cachedMessage.Segment, ref offset);
        var data = new MemoryMessageData
        {
            StreamId = cachedMessage.StreamId,
            SequenceNumber = cachedMessage.SequenceNumber,
            EnqueueTimeUtc = cachedMessage.EnqueueTimeUtc,
            DequeueTimeUtc = cachedMessage.DequeueTimeUtc,
            // Copied out: the block is reused once purged, while a consumer may still hold this batch.
            Payload = new ArraySegment<byte>(payload.ToArray()),
        };
        return new WakingQueueBatch(data, _serializer);
    }

    public StreamSequenceToken GetSequenceToken(ref CachedMessage cachedMessage) => new EventSequenceToken(cachedMessage.SequenceNumber);

    private ArraySegment<byte> CopyIntoBlock(ArraySegment<byte> payload)
    {
        var size = SegmentBuilder.CalculateAppendSize(payload);
        if (_block is null || !_block.TryGetSegment(size, out var segment))
        {
            var block = _blocks.Allocate();
            if (!block.TryGetSegment(size, out segment))
            {
                block.Dispose();
                throw new ArgumentOutOfRangeException(nameof(payload), $"A stream batch of {size} bytes does not fit a cache block.");
            }
            _block = block;
            _eviction.OnBlockAllocated(block);
        }
        var offset = 0;
        SegmentBuilder.Append(segment, ref offset, payload);
        return segment;
    }

    private QueueCacheCursorResult<IQueueCacheCursor> Wrap(QueueCacheCursorResult<object> result) => result.Kind switch
    {
        QueueCacheCursorResultKind.Success => QueueCacheCursorResult<IQueueCacheCursor>.FromCursor(new Cursor(_cache, result.Cursor!)),
        QueueCacheCursorResultKind.CacheMiss => QueueCacheCursorResult<IQueueCacheCursor>.FromCacheMiss(result.CacheMiss!.Value),
        QueueCacheCursorResultKind.NotSupported => QueueCacheCursorResult<IQueueCacheCursor>.NotSupported,
        _ => throw new InvalidOperationException($"Unexpected cache cursor result {result.Kind}."),
    };

    private sealed class Cursor(PooledQueueCache cache, object position) : IQueueCacheCursor
    {
        private IBatchContainer? _current;

        public IBatchContainer? GetCurrent(out Exception? exception)
        {
            exception = null;
            return _current;
        }

        public QueueCacheCursorMoveResult MoveNextWithResult()
        {
            var result = cache.TryGetNextMessageWithResult(position, out var next);
            _current = result.Kind == QueueCacheCursorMoveResultKind.Success ? next : null;
            return result;
        }

        [Obsolete("The pulling agent moves through MoveNextWithResult.")]
        public bool MoveNext()
        {
            var result = MoveNextWithResult();
            if (result.CacheMiss is { } miss)
            {
                throw miss.ToException();
            }
            return result.Kind == QueueCacheCursorMoveResultKind.Success;
        }

        public void Refresh(StreamSequenceToken token) => cache.Refresh(position, token);

        public void RecordDeliveryFailure()
        {
        }

        public void Dispose()
        {
        }
    }
}
