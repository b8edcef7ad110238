using Chat.Errors;
using Chat.Gateway.Application.Sessions;
using Chat.Gateway.Auth;
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
        if (username.Length <= ChatRules.UsernameMaxLength && password.Length <= ChatRules.PasswordMaxLength
            && await cluster.GetGrain<IUsernameIndexGrain>(ChatRules.Normalize(username)).Resolve() is { } userId)
        {
            credentials = await cluster.GetGrain<IUserGrain>(userId).GetCredentials();
        }

        if (!await hasher.VerifyAsync(password, credentials?.PasswordHash, cancellationToken) || credentials is null)
        {
            throw new ChatException(ChatErrorCode.Unauthorized, BadCredentials);
        }
        return await sessions.StartAsync(credentials.Profile, cancellationToken);
    }
}
