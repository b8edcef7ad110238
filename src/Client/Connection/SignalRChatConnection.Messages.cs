using Chat.Contracts;

namespace Chat.Client.Connection;

// The hub's invocations for replies, edits, deletions, reactions and the change feed.
internal sealed partial class SignalRChatConnection
{
    public Task<MessageDto> SendReplyAsync(string roomId, string content, string clientMessageId, long replyToSeq, CancellationToken cancellationToken) =>
        InvokeAsync<MessageDto>("SendReply", [roomId, content, clientMessageId, replyToSeq], cancellationToken);

    public Task<MessageDto> EditMessageAsync(string roomId, long seq, string content, CancellationToken cancellationToken) =>
        InvokeAsync<MessageDto>("EditMessage", [roomId, seq, content], cancellationToken);

    public Task DeleteMessageAsync(string roomId, long seq, CancellationToken cancellationToken) =>
        InvokeAsync<object?>("DeleteMessage", [roomId, seq], cancellationToken);

    public Task SetReactionAsync(string roomId, long seq, string emoji, bool on, CancellationToken cancellationToken) =>
        InvokeAsync<object?>(on ? "AddReaction" : "RemoveReaction", [roomId, seq, emoji], cancellationToken);

    public Task<ChangesDto> GetChangesAsync(string roomId, long afterChange, int limit, CancellationToken cancellationToken) =>
        InvokeAsync<ChangesDto>("GetChanges", [roomId, afterChange, limit], cancellationToken);
}
