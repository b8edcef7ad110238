namespace Chat.Users;

/// <summary>
/// Makes usernames unique (key: the normalized, lower-case username). Registration goes through it,
/// so two concurrent registrations of one name are serialized here.
/// </summary>
[Alias("chat.IUsernameIndexGrain")]
public interface IUsernameIndexGrain : IGrainWithStringKey
{
    /// <summary>Claims the name and the email, then creates the user. Conflict if either is taken.</summary>
    [Alias("Register")]
    Task<UserProfile> Register(NewUser user);

    /// <summary>The user id that owns this name, or null.</summary>
    [Alias("Resolve")]
    Task<string?> Resolve();
}
