using System.Text.Json.Serialization;
using MessagePack;

namespace Chat.Contracts;

/// <summary>
/// <c>ChatMessage</c> of docs/PROTOCOL.md as every HTTP-based transport shows it. The explicit MessagePack keys keep
/// the field names camelCase on SignalR's MessagePack protocol too. <see cref="Deleted"/> is true or absent; a deleted
/// message's content is empty.
/// </summary>
[MessagePackObject]
public sealed record MessageDto(
    [property: Key("id")] string Id,
    [property: Key("roomId")] string RoomId,
    [property: Key("seq")] long Seq,
    [property: Key("userId")] string UserId,
    [property: Key("username")] string Username,
    [property: Key("content")] string Content,
    [property: Key("messageType")] string MessageType,
    [property: Key("createdAt")] long CreatedAt,
    [property: Key("clientMessageId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientMessageId,
    [property: Key("reactions")] IReadOnlyList<ReactionDto> Reactions,
    [property: Key("editedAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? EditedAt = null,
    [property: Key("deleted"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Deleted = null,
    [property: Key("replyTo"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ReplyToDto? ReplyTo = null);
