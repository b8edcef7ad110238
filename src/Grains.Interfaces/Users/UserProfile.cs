namespace Chat.Users;

/// <summary>A user as the API shows it (never the password hash).</summary>
[GenerateSerializer, Immutable, Alias("chat.UserProfile")]
public sealed record UserProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] string Username,
    [property: Id(2)] string Email,
    [property: Id(3)] string DisplayName,
    [property: Id(4)] string? Avatar,
    [property: Id(5)] long CreatedAt);
