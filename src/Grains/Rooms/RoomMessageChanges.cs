using System.Collections.Immutable;
using Chat.Errors;
using Chat.Grains.Storage;
using Chat.Messages;
using Microsoft.Extensions.Logging;

namespace Chat.Grains.Rooms;

/// <summary>
/// One room's changes to existing messages and its change feed counter. Guarantees: changes are applied one at a time
/// (each reads the message's current state, so none is lost to another), numbered from 1 without gaps, written to the log
/// before they are answered, then published in changeSeq order.
/// </summary>
/// <remarks>
/// Owned by one room grain and called on its scheduler; the gate serializes changes across the grain's await points
/// (the grain is reentrant), while sends go on concurrently. A failed write leaves the number unknown (its commit may have
/// happened), so the room is deactivated and reloads its counter from the log, as after a failed send.
/// </remarks>
public sealed partial class RoomMessageChanges(
    string roomId,
    IMessageLog log,
    RoomMessageLog messages,
    RoomEventPublisher events,
    TimeProvider time,
    Action onStoreFailure,
    ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _lastChangeSeq;

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

    /// <summary>Applies <paramref name="change"/> (null: nothing to change) to the current state of message <paramref name="seq"/>; returns the state after.</summary>
    private async Task<ChatMessage> ChangeAsync(long seq, Func<ChatMessage, ChatMessage?> change)
    {
        await _gate.WaitAsync();
        try
        {
            var current = await messages.FindAsync(seq) ?? throw ChatException.NotFound($"Message {seq} was not found in room '{roomId}'.");
            if (change(current) is not { } next)
            {
                return current;
            }
            var changeSeq = _lastChangeSeq + 1;
            try
            {
                await log.UpdateAsync(roomId, changeSeq, next, time.GetUtcNow().ToUnixTimeMilliseconds());
            }
            catch (Exception ex)
            {
                LogWriteFailed(logger, ex, roomId, seq, changeSeq);
                onStoreFailure();
                throw ex as ChatException ?? ChatException.Unavailable("The change could not be stored; retry shortly.");
            }
            _lastChangeSeq = changeSeq;
            messages.Refresh(next);
            // Published under the gate, so that the stream carries changes in changeSeq order.
            await events.PublishChange(new MessageChange(changeSeq, next));
            return next;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static void RefuseDeleted(ChatMessage message)
    {
        if (message.Deleted)
        {
            throw ChatException.Conflict($"Message {message.Seq} was deleted.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId}: writing change {ChangeSeq} of message {Seq} failed; the room will reload from the log")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string roomId, long seq, long changeSeq);
}
