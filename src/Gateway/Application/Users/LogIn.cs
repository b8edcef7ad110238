using Chat.Errors;
using Chat.Gateway.Application.Sessions;
using Chat.Gateway.Auth;
using Chat.Quotas;
using Chat.Users;

namespace Chat.Gateway.Application.Users;

/// <summary>
/// Login: the username matches case-insensitively (through the index), the password is checked in fixed time, and
/// an unknown user costs as much and answers the same as a wrong password, so neither reveals who has an account.
/// </summary>
public sealed class LogIn(IClusterClient cluster, PasswordHasher hasher, SessionIssuer sessions)
{
    private const string BadCredentials = "Invalid username or password.";

    public async Task<AuthResult> HandleAsync(string? username, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
        {
            throw ChatException.BadRequest("username and password are required.");
        }

        UserCredentials? credentials = null;
        ISignInGuardGrain? guard = null;
        if (username.Length <= ChatRules.UsernameMaxLength && password.Length <= ChatRules.PasswordMaxLength)
        {
            // Per-account back-off, checked before any hash is spent (and kept for unknown names too: no enumeration).
            guard = cluster.GetGrain<ISignInGuardGrain>(ChatRules.Normalize(username));
            if (await guard.Check().WaitAsync(cancellationToken) is { } wait)
            {
                throw new ChatException(ChatErrorCode.RateLimited, "Too many failed sign-ins for this account; wait before trying again.", wait);
            }
            if (await cluster.GetGrain<IUsernameIndexGrain>(ChatRules.Normalize(username)).Resolve() is { } userId)
            {
                credentials = await cluster.GetGrain<IUserGrain>(userId).GetCredentials();
            }
        }

        if (!await hasher.VerifyAsync(password, credentials?.PasswordHash, cancellationToken) || credentials is null)
        {
            if (guard is not null)
            {
                await guard.Failed();
            }
            throw new ChatException(ChatErrorCode.Unauthorized, BadCredentials);
        }
        await guard!.Succeeded();
        return await sessions.StartAsync(credentials.Profile, cancellationToken);
    }
}
