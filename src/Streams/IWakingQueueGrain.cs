using Orleans.Concurrency;
using Orleans.Providers;

namespace Chat.Streams;

/// <summary>
/// One in-memory stream queue (key: <c>{provider}/{queue number}</c>). Publishers enqueue; the silo's pulling agent that
/// owns the queue reads it with <see cref="Dequeue"/>, which waits for a message instead of returning empty at once.
/// Nothing is durable: the queue lives in one activation and dies with its silo (clients recover by sequence number).
/// </summary>
[Alias("Chat.Streams.IWakingQueueGrain")]
public interface IWakingQueueGrain : IGrainWithStringKey
{
    /// <summary>Appends one batch of stream events and wakes a waiting read; refused when the queue is full.</summary>
    [Alias("Enqueue"), AlwaysInterleave]
    Task Enqueue(MemoryMessageData data);

    /// <summary>
    /// Takes up to <paramref name="maxCount"/> batches in order. On an empty queue it waits up to
    /// <paramref name="maxWait"/> for one and returns as soon as one is enqueued; it returns empty when the wait ends
    /// with nothing, or when <see cref="Release"/> (or a newer read) ends it. At most one read waits at a time.
    /// </summary>
    [Alias("Dequeue"), AlwaysInterleave]
    Task<List<MemoryMessageData>> Dequeue(int maxCount, TimeSpan maxWait);

    /// <summary>Ends a waiting read at once, empty-handed (a reader shutting down), so no batch is handed to a reader that left.</summary>
    [Alias("Release"), AlwaysInterleave, OneWay]
    Task Release();
}
