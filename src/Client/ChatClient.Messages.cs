using Chat.Client.Delivery;
using Chat.Contracts;

namespace Chat.Client;

// Replies, edits, deletions, reactions, and the per-room change feed applied in order.
public sealed partial class ChatClient
{
    /// <summary>
    /// Every change to an existing message (edit, delete, reaction) of every joined room, once, in changeSeq order per
    /// room; each carries the message's whole current state. Changes missed while offline or lost in transit are read
    /// from the room's change feed before later ones are raised.
    /// </summary>
    public event Action<MessageUpdatedDto>? MessageUpdated;

    /// <summary>The changeSeq of the last change raised in a joined room, or null (not joined, or the join has not answered).</summary>
    public long? LastAppliedChangeSeq(string roomId) => _rooms.TryGetValue(roomId, out var room) ? room.Changes.LastApplied : null;

    /// <summary>Reads whatever the change feed holds after the last applied change of a joined room and raises it; completes when done.</summary>
    public Task CatchUpChangesAsync(string roomId, CancellationToken cancellationToken = default) =>
        _rooms.TryGetValue(roomId, out var room)
            ? room.Changes.CatchUpAsync(cancellationToken)
            : throw new InvalidOperationException($"Room '{roomId}' is not joined.");

    /// <summary>Sends a message answering message <paramref name="replyToSeq"/>; retried like <see cref="SendMessageAsync"/>.</summary>
    public async Task<MessageDto> ReplyAsync(string roomId, long replyToSeq, string content, string? clientMessageId = null, CancellationToken cancellationToken = default)
    {
        var id = clientMessageId ?? NewClientMessageId();
        var message = await CallAsync(connection => connection.SendReplyAsync(roomId, content, id, replyToSeq, cancellationToken), cancellationToken);
        if (_rooms.TryGetValue(roomId, out var room))
        {
            room.Stream.Offer(message, DeliverySource.Sent);
        }
        return message;
    }

    /// <summary>Replaces the content of one of this user's messages; returns the message as it is now.</summary>
    public Task<MessageDto> EditMessageAsync(string roomId, long seq, string content, CancellationToken cancellationToken = default) =>
        CallAsync(connection => connection.EditMessageAsync(roomId, seq, content, cancellationToken), cancellationToken);

    /// <summary>Deletes a message (this user's, or any in a room this user owns). Idempotent.</summary>
    public Task DeleteMessageAsync(string roomId, long seq, CancellationToken cancellationToken = default) =>
        CallAsync(async connection =>
        {
            await connection.DeleteMessageAsync(roomId, seq, cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>Adds this user's reaction. Idempotent.</summary>
    public Task AddReactionAsync(string roomId, long seq, string emoji, CancellationToken cancellationToken = default) =>
        SetReactionAsync(roomId, seq, emoji, on: true, cancellationToken);

    /// <summary>Removes this user's reaction. Idempotent.</summary>
    public Task RemoveReactionAsync(string roomId, long seq, string emoji, CancellationToken cancellationToken = default) =>
        SetReactionAsync(roomId, seq, emoji, on: false, cancellationToken);

    /// <summary>A page of a room's change feed (changes after <paramref name="afterChange"/>, ascending).</summary>
    public Task<ChangesDto> GetChangesAsync(string roomId, long afterChange = 0, int? limit = null, CancellationToken cancellationToken = default) =>
        CallAsync(connection => connection.GetChangesAsync(roomId, afterChange, limit ?? _options.HistoryPageSize, cancellationToken), cancellationToken);

    private Task SetReactionAsync(string roomId, long seq, string emoji, bool on, CancellationToken cancellationToken) =>
        CallAsync(async connection =>
        {
            await connection.SetReactionAsync(roomId, seq, emoji, on, cancellationToken);
            return true;
        }, cancellationToken);

    private Task<ChangesDto> ReadChangesAsync(string roomId, long afterChange, int limit, CancellationToken cancellationToken) =>
        _supervisor.Current is { } connection
            ? connection.GetChangesAsync(roomId, afterChange, limit, cancellationToken)
            : Task.FromException<ChangesDto>(new ChatClientException(ChatError.ConnectionLost, "Not connected."));

    private void ApplyChange(MessageUpdatedDto update) => MessageUpdated?.Invoke(update);
}
