using Chat.Messages;

namespace Chat.Gateway.Application;

// Editing, deleting, reacting, replying and the per-room change feed (docs/PROTOCOL.md, "Editing, deleting, reacting,
// replying"). Each change is durable before it returns and reaches live connections as MessageUpdated with its changeSeq.
public partial interface IChatApplication
{
    /// <summary>A send that may answer an earlier message of the room (<paramref name="replyToSeq"/>, null for none).</summary>
    Task<SendResult> SendMessageAsync(Caller caller, string? roomId, string? content, string? clientMessageId, long? replyToSeq, CancellationToken cancellationToken);

    /// <summary>The author replaces a message's content; returns the message as it is now.</summary>
    Task<ChatMessage> EditMessageAsync(Caller caller, string? roomId, long seq, string? content, CancellationToken cancellationToken = default);

    /// <summary>The author or the room's owner deletes a message: its content is gone from the store, its seq stays. Idempotent.</summary>
    Task DeleteMessageAsync(Caller caller, string? roomId, long seq, CancellationToken cancellationToken = default);

    /// <summary>Adds (<paramref name="on"/>) or removes the caller's reaction. Idempotent.</summary>
    Task SetReactionAsync(Caller caller, string? roomId, long seq, string? emoji, bool on, CancellationToken cancellationToken = default);

    /// <summary>The oldest changes after <paramref name="afterChange"/> (0 or null: from the first) and the room's newest changeSeq.</summary>
    Task<ChangePage> GetChangesAsync(Caller caller, string? roomId, long? afterChange, int? limit, CancellationToken cancellationToken = default);
}
