using System.Text.Json.Serialization;
using MessagePack;

namespace Chat.Client;

/// <summary>A stored message (docs/PROTOCOL.md <c>ChatMessage</c>). <see cref="Seq"/> is per room, gap-free, from 1.</summary>
[MessagePackObject]
public sealed record ChatMessage(
    [property: Key("id")] string Id,
    [property: Key("roomId")] string RoomId,
    [property: Key("seq")] long Seq,
    [property: Key("userId")] string UserId,
    [property: Key("username")] string Username,
    [property: Key("content")] string Content,
    [property: Key("messageType")] string MessageType,
    [property: Key("createdAt")] long CreatedAt,
    [property: Key("clientMessageId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientMessageId);
