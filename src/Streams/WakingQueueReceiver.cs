using Microsoft.Extensions.Logging;
using Orleans.Providers;
using Orleans.Streams;

namespace Chat.Streams;

/// <summary>
/// Reads one queue for its silo's pulling agent. A read on an empty queue waits in the queue grain (up to
/// <c>maxWait</c>) and returns as soon as a batch is enqueued, so an idle queue costs one call per wait instead of one per
/// agent period, and a message in a quiet room is handed over at once. After a read that returned batches (fewer than
/// asked for), the next read returns empty without a call: the agent's loop ends and its timer fires again after its
/// period, so a burst gathers into the next read instead of each batch waking its own call.
/// With <c>maxWait</c> zero this is plain polling (one call per agent period, a busy queue read again at once).
/// The agent reads once at a time (its timer ticks never overlap), so at most one read waits per queue.
/// </summary>
internal sealed partial class WakingQueueReceiver(IWakingQueueGrain queue, DefaultMemoryMessageBodySerializer serializer, TimeSpan maxWait, ILogger logger)
    : IQueueAdapterReceiver
{
    private static readonly IList<IBatchContainer> Nothing = Array.Empty<IBatchContainer>();

    private Task<List<MemoryMessageData>>? _read;
    private bool _restBeforeNextRead;

    public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        if (_restBeforeNextRead || _read is not null || cancellationToken.IsCancellationRequested)
        {
            _restBeforeNextRead = false;
            return Nothing;
        }

        var limit = maxCount > 0 ? maxCount : int.MaxValue;
        var read = _read = queue.Dequeue(limit, maxWait);
        try
        {
            List<MemoryMessageData> batches;
            // The agent cancels when it stops (silo stopping, queue handed to another silo): the wait ends empty-handed.
            using (cancellationToken.Register(static r => ((WakingQueueReceiver)r!).ReleaseWait(), this))
            {
                batches = await read;
            }
            _restBeforeNextRead = maxWait > TimeSpan.Zero && batches.Count > 0 && batches.Count < limit;
            var containers = new List<IBatchContainer>(batches.Count);
            foreach (var batch in batches)
            {
                containers.Add(new WakingQueueBatch(batch, serializer));
            }
            return containers;
        }
        catch (Exception exception)
        {
            LogReadFailed(logger, exception);
            throw;
        }
        finally
        {
            _read = null;
        }
    }

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => Task.CompletedTask;

    public async Task Shutdown(TimeSpan timeout)
    {
        if (_read is not { } read)
        {
            return;
        }
        ReleaseWait();
        try
        {
            await read.WaitAsync(timeout);
        }
        catch (Exception exception)
        {
            LogShutdownWaitFailed(logger, exception);
        }
    }

    private void ReleaseWait() => queue.Release().Ignore();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading a stream queue failed; the pulling agent retries")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A stream queue read did not end cleanly while its receiver shut down")]
    private static partial void LogShutdownWaitFailed(ILogger logger, Exception exception);
}
