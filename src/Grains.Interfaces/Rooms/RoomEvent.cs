using Chat.Messages;

namespace Chat.Rooms;

[GenerateSerializer, Alias("chat.RoomEventKind")]
public enum RoomEventKind
{
    NewMessage = 0,
    UserJoined = 1,
    UserLeft = 2,

    /// <summary>A user is typing (never stored; <see cref="RoomEvent.User"/> is the typer).</summary>
    UserTyping = 4,

    /// <summary>
    /// <see cref="RoomEvent.User"/> stopped being a member (left, or was removed by the owner): every gateway takes that
    /// user's live connections out of the room before it delivers the next event (conv: 5-9).
    /// </summary>
    MemberRemoved = 5,

    /// <summary>The room was deleted: every gateway takes all its live connections out of it.</summary>
    RoomDeleted = 6,
}

/// <summary>
/// An event on a room's stream. Live delivery is best effort: a consumer that sees a gap in
/// <c>Message.Seq</c> fills it from history. <see cref="RoomEpoch"/> changes when the room grain is
/// re-activated (its presence was rebuilt), so a gateway that sees a new epoch re-registers its connections.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.RoomEvent")]
public sealed record RoomEvent(
    [property: Id(0)] RoomEventKind Kind,
    [property: Id(1)] string RoomId,
    [property: Id(2)] ChatMessage? Message,
    [property: Id(3)] OnlineUser? User,
    [property: Id(4)] string? OriginConnectionId,
    [property: Id(5)] Guid RoomEpoch);
