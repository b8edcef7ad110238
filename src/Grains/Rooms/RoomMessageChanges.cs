using System.Collections.Immutable;
using Chat.Errors;
using Chat.Grains.Storage;
using Chat.Messages;
using Chat.Rooms;
using Microsoft.Extensions.Logging;

namespace Chat.Grains.Rooms;

/// <summary>
/// One room's changes to existing messages and its change feed counter. Guarantees: changes are applied one after the
/// other in arrival order (each to the state the previous ones left, so none is lost to another), numbered from 1
/// without gaps, written to the log before any of them is answered, then published in changeSeq order.
/// </summary>
/// <remarks>
/// Owned by one room grain and called on its scheduler (the grain is reentrant). Group commit, as for sends: changes
/// that arrive while a write is in flight are applied in memory and written together as the next batch, in one
/// transaction, so a reaction storm costs one commit per batch, not per reaction; sends go on concurrently. Answers wait
/// for their batch's commit (also "nothing changed" ones, which may rest on an earlier change of the batch). A failed
/// write leaves the numbers unknown (its commit may have happened), so the batch fails with a retryable error and the
/// room is deactivated to reload its counter from the log, as after a failed send.
/// </remarks>
public sealed partial class RoomMessageChanges(
    string roomId,
    IMessageLog log,
    RoomMessageLog messages,
    RoomEventPublisher events,
    RoomOptions options,
    TimeProvider time,
    Action onStoreFailure,
    ILogger logger)
{
    private readonly List<PendingChange> _pending = [];
    private long _lastChangeSeq;
    private bool _flushing;

    public long LastChangeSeq => _lastChangeSeq;

    public async Task LoadAsync(CancellationToken cancellationToken) =>
        _lastChangeSeq = await log.LastChangeSeqAsync(roomId, cancellationToken);

    public Task<ChatMessage> EditAsync(string userId, long seq, string content) =>
        ChangeAsync(seq, current =>
        {
            if (current.UserId != userId)
            {
                throw ChatException.Forbidden("Only the author can edit a message.");
            }
            RefuseDeleted(current);
            return current.Content == content
                ? null
                : current with { Content = content, EditedAt = time.GetUtcNow().ToUnixTimeMilliseconds() };
        });

    public Task DeleteAsync(string userId, bool isRoomOwner, long seq) =>
        ChangeAsync(seq, current =>
        {
            if (current.UserId != userId && !isRoomOwner)
            {
                throw ChatException.Forbidden("Only the author or the room's owner can delete a message.");
            }
            // The content is overwritten in the store, not hidden; reactions (who reacted) go with it.
            return current.Deleted ? null : current with { Content = "", Deleted = true, Reactions = [] };
        });

    public Task SetReactionAsync(string userId, long seq, string emoji, bool on) =>
        ChangeAsync(seq, current =>
        {
            RefuseDeleted(current);
            return MessageReactions.Toggle(current.ReactionList, emoji, userId, on) is { } reactions
                ? current with { Reactions = reactions }
                : null;
        });

    public async Task<ChangePage> ReadAsync(long afterChange, int limit)
    {
        var lastChangeSeq = _lastChangeSeq;
        var changes = afterChange >= lastChangeSeq ? ImmutableArray<MessageChange>.Empty : await log.ReadChangesAsync(roomId, afterChange, limit);
        return new ChangePage(changes, Math.Max(lastChangeSeq, changes.IsEmpty ? 0 : changes[^1].ChangeSeq));
    }

    /// <summary>Queues <paramref name="change"/> (null: nothing to change) of message <paramref name="seq"/>; returns the state after, once durable.</summary>
    private Task<ChatMessage> ChangeAsync(long seq, Func<ChatMessage, ChatMessage?> change)
    {
        var pending = new PendingChange(seq, change);
        _pending.Add(pending);
        if (!_flushing)
        {
            _flushing = true;
            _ = FlushAsync();
        }
        return pending.Completion.Task;
    }

    private async Task FlushAsync()
    {
        try
        {
            while (_pending.Count > 0)
            {
                var batch = _pending.Take(options.MaxBatchSize).ToList();
                _pending.RemoveRange(0, batch.Count);
                var (updates, outcomes) = await ApplyAsync(batch);
                try
                {
                    await log.UpdateAsync(roomId, updates);
                }
                catch (Exception ex)
                {
                    FailAfterStoreError(batch, ex);
                    return;
                }
                if (updates.Count > 0)
                {
                    _lastChangeSeq = updates[^1].ChangeSeq;
                }
                foreach (var update in updates)
                {
                    messages.Refresh(update.Message);
                }
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Settle(outcomes[i]);
                }
                await events.PublishBatch([.. updates.Select(ToEvent)]);
            }
        }
        finally
        {
            _flushing = false;
        }
    }

    /// <summary>Applies the batch in order, each change to the state the ones before it left; refusals stay with their change.</summary>
    private async Task<(List<MessageUpdate> Updates, List<object> Outcomes)> ApplyAsync(List<PendingChange> batch)
    {
        var states = new Dictionary<long, ChatMessage>();
        var updates = new List<MessageUpdate>();
        var outcomes = new List<object>(batch.Count);
        var changedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var pending in batch)
        {
            try
            {
                var current = states.GetValueOrDefault(pending.Seq) ?? await messages.FindAsync(pending.Seq)
                    ?? throw ChatException.NotFound($"Message {pending.Seq} was not found in room '{roomId}'.");
                if (pending.Change(current) is { } next)
                {
                    states[pending.Seq] = next;
                    updates.Add(new MessageUpdate(_lastChangeSeq + updates.Count + 1, next, changedAt));
                    current = next;
                }
                outcomes.Add(current);
            }
            catch (Exception ex)
            {
                outcomes.Add(ex);
            }
        }
        return (updates, outcomes);
    }

    private RoomEvent ToEvent(MessageUpdate update) =>
        new(RoomEventKind.MessageUpdated, roomId, update.Message, null, null, events.Epoch) { ChangeSeq = update.ChangeSeq };

    private void FailAfterStoreError(List<PendingChange> batch, Exception ex)
    {
        var error = ex as ChatException ?? ChatException.Unavailable("The change could not be stored; retry shortly.");
        LogWriteFailed(logger, ex, roomId, batch.Count + _pending.Count);
        foreach (var pending in batch.Concat(_pending))
        {
            pending.Completion.TrySetException(error);
        }
        _pending.Clear();
        onStoreFailure();
    }

    private static void RefuseDeleted(ChatMessage message)
    {
        if (message.Deleted)
        {
            throw ChatException.Conflict($"Message {message.Seq} was deleted.");
        }
    }

    private sealed class PendingChange(long seq, Func<ChatMessage, ChatMessage?> change)
    {
        public long Seq { get; } = seq;
        public Func<ChatMessage, ChatMessage?> Change { get; } = change;
        public TaskCompletionSource<ChatMessage> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The message after the change, or the refusal of it.</summary>
        public void Settle(object outcome)
        {
            if (outcome is Exception refusal)
            {
                Completion.TrySetException(refusal);
            }
            else
            {
                Completion.TrySetResult((ChatMessage)outcome);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId}: writing {Count} message changes failed; the room will reload from the log")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string roomId, int count);
}
