using System.Text.Json.Serialization;

namespace Chat.Messages;

/// <summary>
/// A message stored in a room's log. <see cref="Seq"/> is per room, starts at 1 and is gap-free;
/// a message exists (and is acknowledged) only once its row is committed. <see cref="Mentions"/> are the user ids of
/// room members named as <c>@username</c> in the content, found by the room when it stored the message.
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
    [property: Id(8), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientMessageId,
    [property: Id(9), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string[]? Mentions = null)
{
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
