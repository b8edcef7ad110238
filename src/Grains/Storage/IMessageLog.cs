using System.Collections.Immutable;
using Chat.Messages;

namespace Chat.Grains.Storage;

/// <summary>A message waiting to be appended; its seq is assigned by the log when the batch is written.</summary>
public sealed record PendingMessage(string UserId, string Username, string Content, string? ClientMessageId, long CreatedAt)
{
    /// <summary>The message this one answers (stored as its seq; read back as that message is then).</summary>
    public ReplyTo? ReplyTo { get; init; }
}

/// <summary>
/// The outcome of one pending message: stored with a new seq, or a duplicate of a message stored earlier
/// under the same (room, user, clientMessageId), which is returned instead.
/// </summary>
public readonly record struct AppendOutcome(ChatMessage Message, bool Created);

/// <summary>What a room needs when it activates: its newest seq, newest messages and recent client ids.</summary>
public sealed record RoomLogSnapshot(
    long LastSeq,
    ImmutableArray<ChatMessage> Newest,
    ImmutableArray<(string UserId, string ClientMessageId, long Seq)> RecentClientIds);

/// <summary>
/// The append-only message log, keyed by (room, seq). Guarantees: an append returns only after its rows are
/// durable; seqs are assigned contiguously from <c>nextSeq</c> to the created messages only (a duplicate never
/// consumes a seq), so a room's seq stays gap-free; reads ascend by seq.
/// A room grain is the only writer of its room.
/// </summary>
public interface IMessageLog
{
    Task<RoomLogSnapshot> LoadAsync(string roomId, int newestCount, int clientIdWindow, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="batch"/> in order, as one transaction where possible. Returns one outcome per
    /// pending message, in the same order. Throws <see cref="Errors.ChatException"/> (Unavailable) when the store
    /// cannot be reached; then nothing of the batch may be assumed stored or not stored.
    /// </summary>
    Task<IReadOnlyList<AppendOutcome>> AppendAsync(string roomId, long nextSeq, IReadOnlyList<PendingMessage> batch, CancellationToken cancellationToken = default);

    Task<ImmutableArray<ChatMessage>> ReadAsync(string roomId, HistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>One stored message by seq, or null.</summary>
    Task<ChatMessage?> FindAsync(string roomId, long seq, CancellationToken cancellationToken = default);

    /// <summary>
    /// The one place where a stored message changes (edit, delete, reactions): writes <paramref name="message"/>'s state
    /// over its row (content, editedAt, deleted, reactions; a deleted message's content is overwritten, not kept) and
    /// records change <paramref name="changeSeq"/> for it, both in one transaction, durable when this returns. Change
    /// numbers are assigned by the room contiguously from 1; one that is taken throws
    /// <see cref="MessageLogConflictException"/> and nothing is written. Unavailable as for appends.
    /// </summary>
    Task UpdateAsync(string roomId, long changeSeq, ChatMessage message, long changedAt, CancellationToken cancellationToken = default);

    /// <summary>The room's newest change number (0 when none).</summary>
    Task<long> LastChangeSeqAsync(string roomId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The oldest <paramref name="limit"/> changes after <paramref name="afterChange"/>, ascending, each with the changed
    /// message as it is now (the log keeps no earlier states, so nothing deleted or edited away can be read back).
    /// </summary>
    Task<ImmutableArray<MessageChange>> ReadChangesAsync(string roomId, long afterChange, int limit, CancellationToken cancellationToken = default);
}
