namespace Chat.Messages;

/// <summary>
/// A send as the room grain receives it: the author's identity comes from the user grain, never from
/// the client. <see cref="OriginConnectionId"/> is the sending connection (skipped by live delivery), or
/// null for REST and gRPC sends.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.PostMessage")]
public sealed record PostMessage(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Username,
    [property: Id(2)] string Content,
    [property: Id(3)] string? ClientMessageId,
    [property: Id(4)] string? OriginConnectionId)
{
    /// <summary>The seq of the message this one answers, if any (it must exist in the room and not be deleted).</summary>
    [Id(5)]
    public long? ReplyToSeq { get; init; }
}
