using Chat.Users;

namespace Chat.Grains.Users;

/// <summary>A user's durable state.</summary>
[GenerateSerializer, Alias("chat.UserState")]
public sealed class UserState
{
    [Id(0)]
    public UserProfile? Profile { get; set; }

    /// <summary>Self-describing hash (algorithm, cost, salt, hash) made by the gateway.</summary>
    [Id(1)]
    public string PasswordHash { get; set; } = "";

    // Id 2 was SessionVersion, which nothing read (sign-in sessions are revoked one by one): rows written with it still
    // load (the serializer skips a field id it does not know). Never reuse the id.

    /// <summary>Private rooms the user created or was added to.</summary>
    [Id(3)]
    public HashSet<string> PrivateRooms { get; set; } = [];
}
