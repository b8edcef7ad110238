using Orleans.Concurrency;
using Orleans.Providers;

namespace Chat.Streams;

/// <summary>
/// The queue behind <see cref="IWakingQueueGrain"/>. Every method interleaves, and none awaits while it changes the
/// queue, so an <see cref="Enqueue"/> runs while a <see cref="Dequeue"/> waits and wakes it. Sequence numbers start at
/// the activation's start time in ticks, so a queue re-created after its silo died numbers past the lost one.
/// </summary>
[Reentrant]
public sealed class WakingQueueGrain : Grain, IWakingQueueGrain, IGrainMigrationParticipant
{
    /// <summary>Batches a queue holds before it refuses more (the publisher gets the error): Orleans' memory queue's limit.</summary>
    public const int MaxEventCount = 16384;

    private Queue<MemoryMessageData> _events = new();
    private long _sequenceNumber = DateTime.UtcNow.Ticks;

    /// <summary>The one waiting read: completed with true to take what is queued, false to return empty.</summary>
    private TaskCompletionSource<bool>? _waiter;

    public Task Enqueue(MemoryMessageData data)
    {
        if (_events.Count >= MaxEventCount)
        {
            throw new InvalidOperationException($"Stream queue {this.GetPrimaryKeyString()} is full ({MaxEventCount} batches): its pulling agent is not reading it.");
        }
        data.SequenceNumber = _sequenceNumber++;
        _events.Enqueue(data);
        EndWait(take: true);
        return Task.CompletedTask;
    }

    public async Task<List<MemoryMessageData>> Dequeue(int maxCount, TimeSpan maxWait)
    {
        if (_events.Count == 0 && maxWait > TimeSpan.Zero)
        {
            // A newer read replaces an older one (an agent that handed the queue over and is leaving): the older returns empty.
            EndWait(take: false);
            var waiter = _waiter = new TaskCompletionSource<bool>();
            using var bound = new CancellationTokenSource(maxWait);
            using var registration = bound.Token.Register(static w => ((TaskCompletionSource<bool>)w!).TrySetResult(true), waiter);
            var take = await waiter.Task;
            if (_waiter == waiter)
            {
                _waiter = null;
            }
            if (!take)
            {
                return [];
            }
        }
        return Take(maxCount);
    }

    public Task Release()
    {
        EndWait(take: false);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        EndWait(take: false);
        return Task.CompletedTask;
    }

    private void EndWait(bool take)
    {
        _waiter?.TrySetResult(take);
        _waiter = null;
    }

    private List<MemoryMessageData> Take(int maxCount)
    {
        var batches = new List<MemoryMessageData>(Math.Min(maxCount, _events.Count));
        while (batches.Count < maxCount && _events.TryDequeue(out var data))
        {
            batches.Add(data);
        }
        return batches;
    }

    void IGrainMigrationParticipant.OnDehydrate(IDehydrationContext dehydrationContext)
    {
        dehydrationContext.TryAddValue("queue", _events);
        dehydrationContext.TryAddValue("sequence", _sequenceNumber);
    }

    void IGrainMigrationParticipant.OnRehydrate(IRehydrationContext rehydrationContext)
    {
        if (rehydrationContext.TryGetValue<Queue<MemoryMessageData>>("queue", out var events) && events is not null)
        {
            _events = events;
        }
        if (rehydrationContext.TryGetValue<long>("sequence", out var sequence))
        {
            _sequenceNumber = Math.Max(_sequenceNumber, sequence);
        }
    }
}
