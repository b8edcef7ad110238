using System.Text.Json;
using System.Text.Json.Serialization;
using Chat.Contracts;

namespace Chat.Gateway.WebSockets;

// The /ws frames of membership, read state, direct messages and room administration (docs/PROTOCOL.md), and the user
// events pushed to every socket of a user.

/// <summary>A client frame of this area: which fields matter depends on <see cref="Type"/>.</summary>
public sealed record ConversationClientFrame(string? Type, string? RequestId, string? RoomId, long? Seq, string? Username, string? UserId, string? Name, string? Description);

public static class ConversationFrameTypes
{
    public const string GetMyRooms = "get_my_rooms";
    public const string JoinMembership = "join_membership";
    public const string LeaveMembership = "leave_membership";
    public const string MarkRead = "mark_read";
    public const string OpenDm = "open_dm";
    public const string UpdateRoom = "update_room";
    public const string RemoveMember = "remove_member";
    public const string DeleteRoom = "delete_room";

    public const string RoomAdded = "room_added";
    public const string RoomRemoved = "room_removed";
    public const string RoomUpdated = "room_updated";
    public const string ReadUpdated = "read_updated";
}

/// <summary>Reply to <c>get_my_rooms</c>.</summary>
public sealed record MyRoomsFrame(string? RequestId, IReadOnlyList<MyRoomDto> Rooms)
{
    [JsonPropertyOrder(-1)] public string Type => "my_rooms";
}

/// <summary>Reply to <c>join_membership</c>, <c>open_dm</c> and <c>update_room</c> (<c>room_joined</c>, <c>dm_opened</c>, <c>room_saved</c>).</summary>
public sealed record RoomReplyFrame([property: JsonPropertyOrder(-1)] string Type, string? RequestId, RoomDto Room);

/// <summary>Reply to <c>leave_membership</c>, <c>remove_member</c> and <c>delete_room</c> (<c>room_left</c>, <c>member_removed</c>, <c>room_deleted</c>).</summary>
public sealed record DoneFrame([property: JsonPropertyOrder(-1)] string Type, string? RequestId, string RoomId, string? UserId);

/// <summary>Reply to <c>mark_read</c> (<c>read_marked</c>) and the <c>read_updated</c> push.</summary>
public sealed record ReadFrame([property: JsonPropertyOrder(-1)] string Type, string? RequestId, string RoomId, long LastReadSeq, int MentionCount);

/// <summary>The <c>room_added</c> and <c>room_updated</c> pushes.</summary>
public sealed record RoomChangedFrame([property: JsonPropertyOrder(-1)] string Type, MyRoomDto Room);

/// <summary>The <c>room_removed</c> push.</summary>
public sealed record RoomRemovedFrame(string RoomId)
{
    [JsonPropertyOrder(-1)] public string Type => ConversationFrameTypes.RoomRemoved;
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ConversationClientFrame))]
[JsonSerializable(typeof(MyRoomsFrame))]
[JsonSerializable(typeof(RoomReplyFrame))]
[JsonSerializable(typeof(DoneFrame))]
[JsonSerializable(typeof(ReadFrame))]
[JsonSerializable(typeof(RoomChangedFrame))]
[JsonSerializable(typeof(RoomRemovedFrame))]
public sealed partial class ConversationFrameJsonContext : JsonSerializerContext;
