namespace Chat.Users;

/// <summary>A validated registration. The password is already hashed (on the gateway, never in a grain).</summary>
[GenerateSerializer, Immutable, Alias("chat.NewUser")]
public sealed record NewUser(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Username,
    [property: Id(2)] string Email,
    [property: Id(3)] string PasswordHash);
