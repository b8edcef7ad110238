namespace Chat.Grains.Conversations;

/// <summary>A user's memberships, in the order they were added.</summary>
[GenerateSerializer, Alias("chat.UserRoomsState")]
public sealed class UserRoomsState
{
    [Id(0)]
    public List<Membership> Rooms { get; set; } = [];
}

/// <summary>One membership: how far the user has read, and the seqs of unread messages that mention them.</summary>
[GenerateSerializer, Alias("chat.Membership")]
public sealed class Membership
{
    [Id(0)]
    public string RoomId { get; set; } = "";

    [Id(1)]
    public long LastReadSeq { get; set; }

    /// <summary>Ascending; only seqs above <see cref="LastReadSeq"/>, at most <see cref="UserRoomsGrain.MaxUnreadMentions"/>.</summary>
    [Id(2)]
    public List<long> UnreadMentions { get; set; } = [];

    [Id(3)]
    public long JoinedAt { get; set; }
}
