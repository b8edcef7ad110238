using Chat.Errors;
using Chat.Gateway.Auth;
using Chat.Sessions;
using Chat.Users;

namespace Chat.Gateway.Application.Sessions;

/// <summary>
/// <c>POST /users/refresh</c>: spends a refresh token for a new pair. The token rotates on every use; a spent one
/// presented again ends its whole session (whoever replays it, thief or owner, is signed out). Unknown, malformed,
/// spent and expired tokens all answer the same 401.
/// </summary>
public sealed class RefreshSession(IClusterClient cluster, TokenIssuer tokens)
{
    private const string Refused = "The refresh token is not valid (expired, already used, or its session ended); sign in again.";

    public async Task<AuthResult> HandleAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(refreshToken))
        {
            throw ChatException.BadRequest("refreshToken is required.");
        }
        if (!RefreshTokens.TryParse(refreshToken, out var userId, out var sessionId, out var presentedHash))
        {
            throw new ChatException(ChatErrorCode.Unauthorized, Refused);
        }

        var (next, nextHash) = RefreshTokens.Mint(userId, sessionId);
        var outcome = await cluster.GetGrain<IUserSessionsGrain>(userId).Rotate(sessionId, presentedHash, nextHash).WaitAsync(cancellationToken);
        if (outcome != RefreshOutcome.Rotated)
        {
            throw new ChatException(ChatErrorCode.Unauthorized, Refused);
        }
        var user = await cluster.GetGrain<IUserGrain>(userId).GetProfile().WaitAsync(cancellationToken)
            ?? throw new ChatException(ChatErrorCode.Unauthorized, Refused);
        return new AuthResult(tokens.Issue(user, sessionId), user, next);
    }
}
