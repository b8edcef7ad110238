namespace Chat.Sessions;

/// <summary>A living session as its owner sees it (times in Unix ms).</summary>
[GenerateSerializer, Immutable, Alias("chat.SessionInfo")]
public sealed record SessionInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] long CreatedAt,
    [property: Id(2)] long LastSeenAt,
    [property: Id(3)] string? UserAgent);
