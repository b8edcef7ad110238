namespace Chat.Users;

/// <summary>A validated profile change; null fields stay as they are.</summary>
[GenerateSerializer, Immutable, Alias("chat.ProfileUpdate")]
public sealed record ProfileUpdate(
    [property: Id(0)] string? Email,
    [property: Id(1)] string? Avatar,
    [property: Id(2)] string? DisplayName);
