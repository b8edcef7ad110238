using Chat.Messages;

namespace Chat.Rooms;

/// <summary>
/// Changes to a room's existing messages (part of <see cref="IRoomGrain"/>). Each change is written to the message log
/// (the row and the change feed entry, in one transaction) before it is answered, then published as
/// <see cref="RoomEventKind.MessageUpdated"/> with its changeSeq. A request that changes nothing (an edit to the same
/// text, a reaction already there, a delete of a deleted message) is answered without a change. Every method checks
/// access first: a room the user may not see is NotFound; so is a seq the room does not have.
/// </summary>
[Alias("chat.IRoomMessageChanges")]
public interface IRoomMessageChanges : IGrainWithStringKey
{
    /// <summary>Replaces the content (author only: Forbidden for others; Conflict once deleted); returns the message now.</summary>
    [Alias("EditMessage")]
    Task<ChatMessage> EditMessage(string userId, long seq, string content);

    /// <summary>Empties the content in the store and marks the message deleted (author or room owner). Idempotent.</summary>
    [Alias("DeleteMessage")]
    Task DeleteMessage(string userId, long seq);

    /// <summary>Adds (<paramref name="on"/>) or removes the user's reaction; idempotent; at most 20 distinct emoji per message.</summary>
    [Alias("SetReaction")]
    Task SetReaction(string userId, long seq, string emoji, bool on);

    /// <summary>The oldest <paramref name="limit"/> changes with changeSeq &gt; <paramref name="afterChange"/>.</summary>
    [Alias("GetChanges")]
    Task<ChangePage> GetChanges(string userId, long afterChange, int limit);
}
