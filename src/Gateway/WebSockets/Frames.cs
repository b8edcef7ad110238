using System.Text.Json;
using System.Text.Json.Serialization;
using Chat.Contracts;

namespace Chat.Gateway.WebSockets;

// The JSON frames of the raw WebSocket protocol (docs/PROTOCOL.md, "Raw WebSocket /ws"), one per text frame, tagged by
// "type". Replies to a client frame carry its requestId; null fields are left out.

/// <summary>Any client frame: which fields matter depends on <see cref="Type"/>.</summary>
public sealed record ClientFrame(
    string? Type,
    string? RequestId,
    string? RoomId,
    string? Content,
    string? ClientMessageId,
    long? BeforeSeq,
    long? AfterSeq,
    int? Limit,
    long? Seq = null,
    string? Emoji = null,
    long? AfterChange = null,
    long? ReplyToSeq = null);

public static class FrameTypes
{
    public const string JoinRoom = "join_room";
    public const string LeaveRoom = "leave_room";
    public const string SendMessage = "send_message";
    public const string GetMessages = "get_messages";
    public const string GetOnlineUsers = "get_online_users";
    public const string Ping = "ping";
    public const string UserJoined = "user_joined";
    public const string UserLeft = "user_left";
}

public sealed record JoinedFrame(string? RequestId, string RoomId, RoomDto Room, IReadOnlyList<OnlineUserDto> OnlineUsers, long LastSeq, long LastChangeSeq = 0)
{
    [JsonPropertyOrder(-1)] public string Type => "joined";
}

public sealed record LeftFrame(string? RequestId, string RoomId)
{
    [JsonPropertyOrder(-1)] public string Type => "left";
}

public sealed record MessageSentFrame(string? RequestId, MessageDto Message)
{
    [JsonPropertyOrder(-1)] public string Type => "message_sent";
}

public sealed record NewMessageFrame(MessageDto Message)
{
    [JsonPropertyOrder(-1)] public string Type => "new_message";
}

/// <summary><c>user_joined</c> or <c>user_left</c>.</summary>
public sealed record PresenceFrame([property: JsonPropertyOrder(-1)] string Type, string RoomId, string UserId, string Username);

public sealed record OnlineUsersFrame(string? RequestId, string RoomId, IReadOnlyList<OnlineUserDto> Users)
{
    [JsonPropertyOrder(-1)] public string Type => "online_users";
}

public sealed record MessagesFrame(string? RequestId, string RoomId, IReadOnlyList<MessageDto> Messages)
{
    [JsonPropertyOrder(-1)] public string Type => "messages";
}

public sealed record PongFrame(string? RequestId)
{
    [JsonPropertyOrder(-1)] public string Type => "pong";
}

/// <summary><see cref="Code"/> is one of the catalog's wire codes; <see cref="RequestType"/> the type of the refused frame.</summary>
public sealed record ErrorFrame(string? RequestId, string Code, string Message, string? RequestType)
{
    [JsonPropertyOrder(-1)] public string Type => "error";
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ClientFrame))]
[JsonSerializable(typeof(JoinedFrame))]
[JsonSerializable(typeof(LeftFrame))]
[JsonSerializable(typeof(MessageSentFrame))]
[JsonSerializable(typeof(NewMessageFrame))]
[JsonSerializable(typeof(PresenceFrame))]
[JsonSerializable(typeof(OnlineUsersFrame))]
[JsonSerializable(typeof(MessagesFrame))]
[JsonSerializable(typeof(PongFrame))]
[JsonSerializable(typeof(ErrorFrame))]
[JsonSerializable(typeof(MessageEditedFrame))]
[JsonSerializable(typeof(MessageDeletedFrame))]
[JsonSerializable(typeof(ReactionFrame))]
[JsonSerializable(typeof(ChangesFrame))]
[JsonSerializable(typeof(MessageUpdatedFrame))]
public sealed partial class FrameJsonContext : JsonSerializerContext;
