using Chat.Errors;
using Chat.Messages;
using Chat.Rooms;

namespace Chat.Grains.Rooms;

// Edits, deletions, reactions and replies (IRoomMessageChanges): the rules live in RoomMessageChanges; here, access.
public sealed partial class RoomGrain
{
    public Task<ChatMessage> EditMessage(string userId, long seq, string content)
    {
        RequireAccess(userId);
        ChatRules.ValidateSeq(seq);
        return _changes.EditAsync(userId, seq, ChatRules.ValidateContent(content));
    }

    public Task DeleteMessage(string userId, long seq)
    {
        var info = RequireAccess(userId);
        ChatRules.ValidateSeq(seq);
        return _changes.DeleteAsync(userId, isRoomOwner: info.CreatedBy == userId, seq);
    }

    public Task SetReaction(string userId, long seq, string emoji, bool on)
    {
        RequireAccess(userId);
        ChatRules.ValidateSeq(seq);
        return _changes.SetReactionAsync(userId, seq, ChatRules.ValidateEmoji(emoji), on);
    }

    public Task<ChangePage> GetChanges(string userId, long afterChange, int limit)
    {
        RequireAccess(userId);
        var (after, clamped) = ChatRules.ValidateChanges(afterChange, limit);
        return _changes.ReadAsync(after, clamped);
    }

    /// <summary>The quote of the message a send answers: it must be one of this room's messages, not deleted.</summary>
    private async Task<ReplyTo?> ReplyToAsync(long? replyToSeq)
    {
        if (ChatRules.ValidateReplyToSeq(replyToSeq) is not { } seq)
        {
            return null;
        }
        var original = await _messages.FindAsync(seq)
            ?? throw ChatException.BadRequest($"replyToSeq {seq} names no message of room '{RoomId}'.");
        return original.Deleted
            ? throw ChatException.BadRequest($"replyToSeq {seq} names a deleted message.")
            : ReplyTo.Of(original);
    }
}
