namespace Chat.Users;

/// <summary>Makes emails unique (key: the normalized, lower-case address).</summary>
[Alias("chat.IEmailIndexGrain")]
public interface IEmailIndexGrain : IGrainWithStringKey
{
    /// <summary>True if the address is now (or already was) owned by <paramref name="userId"/>.</summary>
    [Alias("TryClaim")]
    Task<bool> TryClaim(string userId);

    /// <summary>Frees the address if <paramref name="userId"/> owns it.</summary>
    [Alias("Release")]
    Task Release(string userId);
}
