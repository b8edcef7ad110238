using System.Text.Json.Serialization;
using Chat.Contracts;

namespace Chat.Gateway.WebSockets;

// The /ws frames of editing, deleting, reacting and the change feed (docs/PROTOCOL.md). Client frames use ClientFrame's
// roomId, seq, content, emoji, afterChange and limit; send_message takes replyToSeq.

public static class MessageChangeFrameTypes
{
    public const string EditMessage = "edit_message";
    public const string DeleteMessage = "delete_message";
    public const string AddReaction = "add_reaction";
    public const string RemoveReaction = "remove_reaction";
    public const string GetChanges = "get_changes";
    public const string ReactionAdded = "reaction_added";
    public const string ReactionRemoved = "reaction_removed";
}

/// <summary>The reply to <c>edit_message</c>: the message as it is now.</summary>
public sealed record MessageEditedFrame(string? RequestId, MessageDto Message)
{
    [JsonPropertyOrder(-1)] public string Type => "message_edited";
}

/// <summary>The reply to <c>delete_message</c>.</summary>
public sealed record MessageDeletedFrame(string? RequestId, string RoomId, long Seq)
{
    [JsonPropertyOrder(-1)] public string Type => "message_deleted";
}

/// <summary>The reply to <c>add_reaction</c> (<c>reaction_added</c>) or <c>remove_reaction</c> (<c>reaction_removed</c>).</summary>
public sealed record ReactionFrame([property: JsonPropertyOrder(-1)] string Type, string? RequestId, string RoomId, long Seq, string Emoji);

/// <summary>The reply to <c>get_changes</c>.</summary>
public sealed record ChangesFrame(string? RequestId, string RoomId, IReadOnlyList<MessageChangeDto> Changes, long LastChangeSeq)
{
    [JsonPropertyOrder(-1)] public string Type => "changes";
}

/// <summary>Pushed to every connection joined to the room when one of its messages changed.</summary>
public sealed record MessageUpdatedFrame(string RoomId, long ChangeSeq, MessageDto Message)
{
    [JsonPropertyOrder(-1)] public string Type => "message_updated";
}
