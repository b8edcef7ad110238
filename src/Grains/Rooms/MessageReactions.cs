using System.Collections.Immutable;
using Chat.Errors;
using Chat.Messages;

namespace Chat.Grains.Rooms;

/// <summary>The rules of a message's reactions: one per user and emoji, at most 20 distinct emoji, emptied emoji vanish.</summary>
public static class MessageReactions
{
    /// <summary>
    /// The reactions with <paramref name="userId"/>'s <paramref name="emoji"/> added (<paramref name="on"/>) or removed, or
    /// null when that changes nothing. A new emoji beyond <see cref="ChatRules.MaxReactionsPerMessage"/> is a BadRequest.
    /// </summary>
    public static ImmutableArray<MessageReaction>? Toggle(ImmutableArray<MessageReaction> reactions, string emoji, string userId, bool on)
    {
        var index = -1;
        for (var i = 0; i < reactions.Length && index < 0; i++)
        {
            index = reactions[i].Emoji == emoji ? i : -1;
        }
        if (index < 0)
        {
            if (!on)
            {
                return null;
            }
            if (reactions.Length >= ChatRules.MaxReactionsPerMessage)
            {
                throw ChatException.BadRequest($"A message can have at most {ChatRules.MaxReactionsPerMessage} different reactions.");
            }
            return reactions.Add(new MessageReaction(emoji, [userId]));
        }

        var reaction = reactions[index];
        var has = reaction.UserIds.Contains(userId);
        if (has == on)
        {
            return null;
        }
        if (on)
        {
            return reactions.SetItem(index, reaction with { UserIds = reaction.UserIds.Add(userId) });
        }
        return reaction.Count == 1
            ? reactions.RemoveAt(index)
            : reactions.SetItem(index, reaction with { UserIds = reaction.UserIds.Remove(userId) });
    }
}
