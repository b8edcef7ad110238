using Chat.Errors;
using Chat.Gateway.Application.Sessions;
using Chat.Gateway.Auth;
using Chat.Users;

namespace Chat.Gateway.Application.Users;

/// <summary>
/// Registration: the input rules, a slow hash made here on the gateway, then the username index, which serializes
/// concurrent claims of one name and answers Conflict for a taken username or email.
/// </summary>
public sealed class RegisterUser(IClusterClient cluster, PasswordHasher hasher, SessionIssuer sessions)
{
    public async Task<AuthResult> HandleAsync(string? username, string? email, string? password, CancellationToken cancellationToken)
    {
        ChatRules.ValidateUsername(username);
        ChatRules.ValidateEmail(email);
        ChatRules.ValidatePassword(password);

        var hash = await hasher.HashAsync(password, cancellationToken);
        var user = new NewUser(Guid.CreateVersion7().ToString("N"), username, email, hash);
        var profile = await cluster.GetGrain<IUsernameIndexGrain>(ChatRules.Normalize(username)).Register(user);
        return await sessions.StartAsync(profile, cancellationToken);
    }
}
