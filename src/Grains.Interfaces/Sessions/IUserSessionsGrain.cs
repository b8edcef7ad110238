using System.Collections.Immutable;

namespace Chat.Sessions;

/// <summary>
/// The sign-in sessions of one user (key: user id). A session starts at register or login and lives while its
/// refresh token is used (rotated on every use); access tokens name their session (<c>sid</c>) and are honoured only
/// while it lives. Only hashes of refresh tokens reach the cluster. Ending a session publishes a
/// <see cref="SessionRevoked"/> on the broadcast stream (<see cref="SessionStreams"/>), on which every gateway closes
/// that session's live connections.
/// </summary>
[Alias("chat.IUserSessionsGrain")]
public interface IUserSessionsGrain : IGrainWithStringKey
{
    /// <summary>Starts a session whose first refresh token hashes to <paramref name="refreshHash"/>.</summary>
    [Alias("Start")]
    Task Start(string sessionId, string refreshHash, string? userAgent);

    /// <summary>
    /// Spends a refresh token: when <paramref name="presentedHash"/> is the session's current one, the session's
    /// token becomes <paramref name="nextHash"/>. One already spent ends the whole session (someone else holds a copy).
    /// </summary>
    [Alias("Rotate")]
    Task<RefreshOutcome> Rotate(string sessionId, string presentedHash, string nextHash);

    /// <summary>True while the session lives; records the use (last seen).</summary>
    [Alias("Touch")]
    Task<bool> Touch(string sessionId);

    /// <summary>The living sessions, most recently seen first.</summary>
    [Alias("List")]
    Task<ImmutableArray<SessionInfo>> List();

    /// <summary>Ends one session; false if it was not living.</summary>
    [Alias("End")]
    Task<bool> End(string sessionId, string reason);

    /// <summary>Ends every session but <paramref name="keepSessionId"/> (none kept when null).</summary>
    [Alias("EndAllExcept")]
    Task EndAllExcept(string? keepSessionId, string reason);
}
