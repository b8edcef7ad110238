using Chat.Errors;
using Chat.Messages;

namespace Chat.Gateway.Application;

// Changes to existing messages: input checked here, each spends one token of the sender's budget (SendBudget, like a
// send), the rules (author, owner, bounds) applied by the room grain.
public sealed partial class ChatApplication
{
    public async Task<ChatMessage> EditMessageAsync(Caller caller, string? roomId, long seq, string? content, CancellationToken cancellationToken = default)
    {
        ChatRules.ValidateRoomId(roomId);
        ChatRules.ValidateSeq(seq);
        var text = ChatRules.ValidateContent(content);
        await sendBudget.SpendAsync(caller.UserId, cancellationToken);
        return await Room(roomId).EditMessage(caller.UserId, seq, text).WaitAsync(cancellationToken);
    }

    public async Task DeleteMessageAsync(Caller caller, string? roomId, long seq, CancellationToken cancellationToken = default)
    {
        ChatRules.ValidateRoomId(roomId);
        ChatRules.ValidateSeq(seq);
        await sendBudget.SpendAsync(caller.UserId, cancellationToken);
        await Room(roomId).DeleteMessage(caller.UserId, seq).WaitAsync(cancellationToken);
    }

    public async Task SetReactionAsync(Caller caller, string? roomId, long seq, string? emoji, bool on, CancellationToken cancellationToken = default)
    {
        ChatRules.ValidateRoomId(roomId);
        ChatRules.ValidateSeq(seq);
        var valid = ChatRules.ValidateEmoji(emoji);
        await sendBudget.SpendAsync(caller.UserId, cancellationToken);
        await Room(roomId).SetReaction(caller.UserId, seq, valid, on).WaitAsync(cancellationToken);
    }

    public async Task<ChangePage> GetChangesAsync(Caller caller, string? roomId, long? afterChange, int? limit, CancellationToken cancellationToken = default)
    {
        ChatRules.ValidateRoomId(roomId);
        var (after, clamped) = ChatRules.ValidateChanges(afterChange, limit);
        return await Room(roomId).GetChanges(caller.UserId, after, clamped).WaitAsync(cancellationToken);
    }
}
