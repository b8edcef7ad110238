using Chat.Messages;

namespace Chat.Rooms;

[GenerateSerializer, Alias("chat.RoomEventKind")]
public enum RoomEventKind
{
    NewMessage = 0,
    UserJoined = 1,
    UserLeft = 2,

    /// <summary>An existing message changed (edit, delete, reaction): <see cref="RoomEvent.Message"/> is its whole state.</summary>
    MessageUpdated = 3,
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
    [property: Id(5)] Guid RoomEpoch)
{
    /// <summary>For <see cref="RoomEventKind.MessageUpdated"/>: the change's number in the room's change feed (gap-free from 1).</summary>
    [Id(6)]
    public long ChangeSeq { get; init; }
}
