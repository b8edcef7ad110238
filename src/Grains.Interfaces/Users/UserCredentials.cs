namespace Chat.Users;

/// <summary>What login needs: the stored hash and the session version that tokens must carry.</summary>
[GenerateSerializer, Immutable, Alias("chat.UserCredentials")]
public sealed record UserCredentials(
    [property: Id(0)] UserProfile Profile,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] int SessionVersion);
