using System.Collections.Immutable;
using Chat.Errors;
using Chat.Grains.Observability;
using Chat.Grains.Storage;
using Chat.Messages;
using Chat.Rooms;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Grains.Rooms;

/// <summary>
/// One room's messages as its grain holds them: the gap-free seq, a cache of the newest, and durable-before-ack sends
/// with group commit (sends that arrive while a write is in flight go into the next batch, one INSERT each).
/// </summary>
/// <remarks>
/// Owned by one room grain and called on its scheduler only (the grain is reentrant: every await below leaves the
/// state consistent). A written batch is acknowledged, then handed to <c>publish</c>, in seq order.
/// </remarks>
public sealed partial class RoomMessageLog(
    string roomId,
    Guid epoch,
    IMessageLog log,
    RoomOptions options,
    TimeProvider time,
    ChatGrainMetrics metrics,
    Func<List<RoomEvent>, Task> publish,
    Action onStoreFailure,
    ILogger logger)
{
    private readonly MessageCache _cache = new(options.CacheSize, options.ClientIdWindow);
    private readonly List<PendingSend> _pending = [];
    private long _lastSeq;
    private long _lastMessageAt;
    private bool _flushing;
    private Task _publishing = Task.CompletedTask;

    public long LastSeq => _lastSeq;

    /// <summary>When the newest message was stored (ms), or 0 for a room without messages.</summary>
    public long LastMessageAt => _lastMessageAt;

    /// <summary>Reads the room's seq, recent client ids and newest messages from the log (on activation and creation).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var snapshot = await log.LoadAsync(roomId, options.CacheSize, options.ClientIdWindow, cancellationToken);
        _lastSeq = snapshot.LastSeq;
        _lastMessageAt = snapshot.Newest.IsDefaultOrEmpty ? 0 : snapshot.Newest[^1].CreatedAt;
        foreach (var (userId, clientId, seq) in snapshot.RecentClientIds.OrderBy(c => c.Seq))
        {
            _cache.RememberClientId(userId, clientId, seq);
        }
        foreach (var message in snapshot.Newest)
        {
            _cache.Add(message);
        }
    }

    /// <summary>
    /// Stores a validated message and returns once it is committed; a known (user, client id), stored or in flight,
    /// answers the original with <see cref="SendResult.Created"/> false.
    /// </summary>
    public async Task<SendResult> SendAsync(PendingMessage message, string? originConnectionId)
    {
        if (message.ClientMessageId is { } clientId)
        {
            if (_cache.TryGetSeq(message.UserId, clientId, out var seq))
            {
                return new SendResult(await MessageAt(seq), Created: false);
            }
            var inFlight = _pending.Find(p => p.Message.UserId == message.UserId && p.Message.ClientMessageId == clientId);
            if (inFlight is not null)
            {
                return (await inFlight.Completion.Task) with { Created = false };
            }
        }

        var pending = new PendingSend(message, originConnectionId);
        _pending.Add(pending);
        if (!_flushing)
        {
            _flushing = true;
            _ = FlushAsync();
        }
        return await pending.Completion.Task;
    }

    /// <summary>A page of history: from the cache when it holds the whole page, else from the log.</summary>
    public async Task<ImmutableArray<ChatMessage>> ReadAsync(HistoryQuery query) =>
        HistoryPage.CanServeFromCache(_cache.FirstSeq, _lastSeq, _cache.Count, query)
            ? HistoryPage.Select(_cache.Newest, query)
            : await log.ReadAsync(roomId, query);

    /// <summary>A stored message by seq (cache first), or null when the room has no such message.</summary>
    public async Task<ChatMessage?> FindAsync(long seq) =>
        seq < 1 || seq > _lastSeq ? null : _cache.Find(seq) ?? await log.FindAsync(roomId, seq);

    /// <summary>A message's state changed in the log: the cache follows (see <see cref="MessageCache.Replace"/>).</summary>
    public void Refresh(ChatMessage changed) => _cache.Replace(changed);

    /// <summary>Writes queued sends in batches until none is left; each batch is acknowledged, then published, in seq order (a publish overlaps the next write).</summary>
    private async Task FlushAsync()
    {
        try
        {
            while (_pending.Count > 0)
            {
                var batch = _pending.Take(options.MaxBatchSize).ToList();
                _pending.RemoveRange(0, batch.Count);

                IReadOnlyList<AppendOutcome> outcomes;
                var started = time.GetTimestamp();
                try
                {
                    outcomes = await log.AppendAsync(roomId, _lastSeq + 1, batch.ConvertAll(p => p.Message));
                }
                catch (Exception ex)
                {
                    metrics.MessageLogWriteFailed();
                    FailAfterStoreError(batch, ex);
                    return;
                }
                metrics.RecordMessageLogWrite(batch.Count, time.GetElapsedTime(started).TotalMilliseconds);

                var created = new List<RoomEvent>(batch.Count);
                for (var i = 0; i < batch.Count; i++)
                {
                    var outcome = outcomes[i];
                    if (outcome.Created)
                    {
                        _lastSeq = outcome.Message.Seq;
                        _lastMessageAt = outcome.Message.CreatedAt;
                        _cache.Add(outcome.Message);
                        created.Add(new RoomEvent(RoomEventKind.NewMessage, roomId, outcome.Message, null, batch[i].OriginConnectionId, epoch));
                    }
                    batch[i].Completion.TrySetResult(new SendResult(outcome.Message, outcome.Created));
                }
                // The next batch is written while this one is published; publishes stay in seq order (each waits for
                // the one before). Acks above already followed the commit; live push is best effort (recovered by seq).
                _publishing = PublishAfterAsync(_publishing, created);
            }
        }
        finally
        {
            _flushing = false;
        }
    }

    private async Task PublishAfterAsync(Task previous, List<RoomEvent> events)
    {
        await previous;
        await publish(events);
    }

    /// <summary>
    /// After a failed write nothing of the batch may be assumed stored or not stored (a commit's answer can be lost),
    /// so every waiting send fails with a retryable error and the room re-reads its seq from the log on its next
    /// activation. Retries carry their client ids and are answered idempotently.
    /// </summary>
    private void FailAfterStoreError(List<PendingSend> batch, Exception ex)
    {
        var error = ex as ChatException ?? ChatException.Unavailable("The message could not be stored; retry shortly.");
        LogWriteFailed(logger, ex, roomId, batch.Count + _pending.Count);
        foreach (var pending in batch.Concat(_pending))
        {
            pending.Completion.TrySetException(error);
        }
        _pending.Clear();
        onStoreFailure();
    }

    private async Task<ChatMessage> MessageAt(long seq) =>
        _cache.Find(seq) ?? await log.FindAsync(roomId, seq)
        ?? throw new InvalidOperationException($"Room '{roomId}': remembered seq {seq} is not in the log.");

    private sealed class PendingSend(PendingMessage message, string? originConnectionId)
    {
        public PendingMessage Message { get; } = message;
        public string? OriginConnectionId { get; } = originConnectionId;
        public TaskCompletionSource<SendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId}: writing {Count} messages failed; the room will reload from the log")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string roomId, int count);
}
