namespace Chat.Quotas;

/// <summary>
/// Per-account sign-in back-off (key: the normalized username, whether or not such an account exists, so the answer
/// reveals nothing): after a few failed logins in a row, each further failure locks the name for a doubling wait.
/// Beside the per-address limit, this stops guessing one account's password from many addresses.
/// </summary>
[Alias("chat.ISignInGuardGrain")]
public interface ISignInGuardGrain : IGrainWithStringKey
{
    /// <summary>How long until a login may be tried again, or null when it may be tried now.</summary>
    [Alias("Check")]
    Task<TimeSpan?> Check();

    [Alias("Failed")]
    Task Failed();

    [Alias("Succeeded")]
    Task Succeeded();
}
