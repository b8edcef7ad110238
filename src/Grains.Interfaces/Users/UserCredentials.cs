namespace Chat.Users;

/// <summary>What login needs: the profile and the stored hash.</summary>
/// <remarks>Id 2 was a session version nothing read (sessions are revoked per session): never reuse it.</remarks>
[GenerateSerializer, Immutable, Alias("chat.UserCredentials")]
public sealed record UserCredentials(
    [property: Id(0)] UserProfile Profile,
    [property: Id(1)] string PasswordHash);
