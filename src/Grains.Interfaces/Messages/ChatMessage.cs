using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Chat.Messages;

/// <summary>
/// A message stored in a room's log. <see cref="Seq"/> is per room, starts at 1 and is gap-free;
/// a message exists (and is acknowledged) only once its row is committed.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.ChatMessage")]
public sealed record ChatMessage(
    [property: Id(0)] string Id,
    [property: Id(1)] string RoomId,
    [property: Id(2)] long Seq,
    [property: Id(3)] string UserId,
    [property: Id(4)] string Username,
    [property: Id(5)] string Content,
    [property: Id(6)] string MessageType,
    [property: Id(7)] long CreatedAt,
    [property: Id(8), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientMessageId)
{
    /// <summary>When the content was last edited (ms), or null if never.</summary>
    [Id(10)]
    public long? EditedAt { get; init; }

    /// <summary>True once deleted: the content is then empty in the store (not hidden), the seq stays.</summary>
    [Id(11)]
    public bool Deleted { get; init; }

    /// <summary>The message this one answers, as that message is now (its excerpt is empty once it is deleted).</summary>
    [Id(12)]
    public ReplyTo? ReplyTo { get; init; }

    /// <summary>Reactions in the order their emoji were first used; never default (use <see cref="ReactionList"/> to read).</summary>
    [Id(13)]
    public ImmutableArray<MessageReaction> Reactions { get; init; } = [];

    /// <summary><see cref="Reactions"/>, empty (not default) even for an instance made without it.</summary>
    public ImmutableArray<MessageReaction> ReactionList => Reactions.IsDefault ? [] : Reactions;

    /// <summary>The public id of a message: derived from its unique (room, seq) key.</summary>
    public static string MakeId(string roomId, long seq) => $"{roomId}:{seq}";
}

/// <summary>Values of <see cref="ChatMessage.MessageType"/>.</summary>
public static class MessageTypes
{
    public const string Text = "text";

    /// <summary>Reserved for messages the server itself stores.</summary>
    public const string System = "system";
}
