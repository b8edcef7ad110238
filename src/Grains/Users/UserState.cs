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

    /// <summary>Tokens carry the version they were issued under; bumping it revokes them all.</summary>
    [Id(2)]
    public int SessionVersion { get; set; }

    /// <summary>Private rooms the user created or was added to.</summary>
    [Id(3)]
    public HashSet<string> PrivateRooms { get; set; } = [];
}
