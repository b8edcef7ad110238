using Chat.Errors;
using Chat.Gateway.Auth;
using Chat.Sessions;

namespace Chat.Gateway.Application.Sessions;

/// <summary>
/// The caller's sessions: refresh, list, end one, end the caller's own (logout) and change the password. Ending a
/// session kills its refresh token at once, and every gateway closes its live connections when the cluster
/// announces it (<see cref="Fanout.LiveSessions"/>).
/// </summary>
public sealed class SessionCommands(IClusterClient cluster, RefreshSession refresh, ChangePassword changePassword)
{
    public Task<AuthResult> RefreshAsync(string? refreshToken, CancellationToken cancellationToken = default) =>
        refresh.HandleAsync(refreshToken, cancellationToken);

    /// <summary>Ends the caller's own session (idempotent: a second logout finds nothing to end).</summary>
    public Task LogoutAsync(Caller caller, CancellationToken cancellationToken = default) =>
        Sessions(caller).End(RequireSession(caller), "signed out").WaitAsync(cancellationToken);

    public async Task<IReadOnlyList<(SessionInfo Session, bool Current)>> ListAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        var sessions = await Sessions(caller).List().WaitAsync(cancellationToken);
        return sessions.Select(session => (session, session.Id == caller.SessionId)).ToList();
    }

    /// <summary>Ends one of the caller's sessions; an id that is not one of them is 404.</summary>
    public async Task EndAsync(Caller caller, string? sessionId, CancellationToken cancellationToken = default)
    {
        if (sessionId is null || !RefreshTokens.IsWellFormedId(sessionId)
            || !await Sessions(caller).End(sessionId, "ended from another session").WaitAsync(cancellationToken))
        {
            throw ChatException.NotFound("No such session.");
        }
    }

    public Task ChangePasswordAsync(Caller caller, string? currentPassword, string? newPassword, CancellationToken cancellationToken = default) =>
        changePassword.HandleAsync(caller, currentPassword, newPassword, cancellationToken);

    private IUserSessionsGrain Sessions(Caller caller) => cluster.GetGrain<IUserSessionsGrain>(caller.UserId);

    private static string RequireSession(Caller caller) =>
        caller.SessionId ?? throw new ChatException(ChatErrorCode.Unauthorized, "The token names no session.");
}
