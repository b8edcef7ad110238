using Chat.Errors;
using Chat.Gateway.Auth;
using Chat.Sessions;
using Chat.Users;

namespace Chat.Gateway.Application.Sessions;

/// <summary>
/// <c>PUT /users/me/password</c>: the current password is checked (in fixed time, like a login), the new one follows
/// the password policy, and then every other session of the user ends, closing their live connections: whoever
/// learnt the old password is out. The caller's own session stays.
/// </summary>
public sealed class ChangePassword(IClusterClient cluster, PasswordHasher hasher)
{
    public async Task HandleAsync(Caller caller, string? currentPassword, string? newPassword, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(currentPassword))
        {
            throw ChatException.BadRequest("currentPassword is required.");
        }
        ChatRules.ValidatePassword(newPassword);

        var user = cluster.GetGrain<IUserGrain>(caller.UserId);
        var credentials = await user.GetCredentials().WaitAsync(cancellationToken);
        if (currentPassword.Length > ChatRules.PasswordMaxLength
            || !await hasher.VerifyAsync(currentPassword, credentials?.PasswordHash, cancellationToken))
        {
            throw ChatException.Forbidden("The current password is not correct.");
        }

        await user.SetPasswordHash(await hasher.HashAsync(newPassword, cancellationToken)).WaitAsync(cancellationToken);
        await cluster.GetGrain<IUserSessionsGrain>(caller.UserId)
            .EndAllExcept(caller.SessionId, "the password was changed").WaitAsync(cancellationToken);
    }
}
