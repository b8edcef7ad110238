using Chat.Rooms;

namespace Chat.Conversations;

/// <summary>What a room tells about itself for a member's list: its metadata and where its messages stand now.</summary>
[GenerateSerializer, Immutable, Alias("chat.RoomSummary")]
public sealed record RoomSummary(
    [property: Id(0)] RoomInfo Room,
    [property: Id(1)] long LastSeq,
    [property: Id(2)] long LastMessageAt,
    [property: Id(3)] long LastChangeSeq);

/// <summary>One member's read state in one room: read up to <see cref="LastReadSeq"/>, mentioned unread <see cref="MentionCount"/> times.</summary>
[GenerateSerializer, Immutable, Alias("chat.RoomReadState")]
public sealed record RoomReadState(
    [property: Id(0)] string RoomId,
    [property: Id(1)] long LastReadSeq,
    [property: Id(2)] int MentionCount);

/// <summary>
/// A room in a user's list: the room, where it stands and where the user stands in it. Unread is
/// <c>LastSeq - LastReadSeq</c>: seq is gap-free, so no row is counted.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.RoomListing")]
public sealed record RoomListing(
    [property: Id(0)] RoomSummary Summary,
    [property: Id(1)] RoomReadState Read)
{
    public long UnreadCount => Math.Max(0, Summary.LastSeq - Read.LastReadSeq);
}
