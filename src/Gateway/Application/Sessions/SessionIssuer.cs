using Chat.Gateway.Auth;
using Chat.Sessions;
using Chat.Users;

namespace Chat.Gateway.Application.Sessions;

/// <summary>
/// Starts a sign-in session for a user who proved who they are (register, login) and issues its first pair of
/// tokens: a short access token naming the session, and a one-use refresh token whose hash the session keeps.
/// </summary>
public sealed class SessionIssuer(IClusterClient cluster, TokenIssuer tokens, IHttpContextAccessor http)
{
    /// <summary>Longest user agent kept for the sessions list.</summary>
    private const int MaxUserAgentLength = 256;

    public async Task<AuthResult> StartAsync(UserProfile user, CancellationToken cancellationToken)
    {
        var sessionId = RefreshTokens.NewId();
        var (refreshToken, hash) = RefreshTokens.Mint(user.Id, sessionId);
        await cluster.GetGrain<IUserSessionsGrain>(user.Id).Start(sessionId, hash, UserAgent()).WaitAsync(cancellationToken);
        return new AuthResult(tokens.Issue(user, sessionId), user, refreshToken);
    }

    /// <summary>The caller's user agent, made safe to show (printable ASCII only, length capped).</summary>
    private string? UserAgent()
    {
        var agent = http.HttpContext?.Request.Headers.UserAgent.ToString();
        if (string.IsNullOrWhiteSpace(agent))
        {
            return null;
        }
        var cleaned = new string(agent.Where(c => c is >= ' ' and <= '~').ToArray()).Trim();
        return cleaned.Length > MaxUserAgentLength ? cleaned[..MaxUserAgentLength] : cleaned;
    }
}
