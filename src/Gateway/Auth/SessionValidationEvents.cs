using Chat.Contracts.Errors;
using Chat.Errors;
using Chat.Gateway.Errors;
using Chat.Sessions;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Chat.Gateway.Auth;

/// <summary>
/// JWT bearer events shared by every transport: live connections (SignalR, raw WebSocket) may carry the token
/// in the <c>access_token</c> query parameter, since browsers cannot set headers on a WebSocket upgrade; and a
/// token is accepted only while the sign-in session it names (<c>sid</c>) lives (logout, a revoke or a password
/// change end it at once, not at the token's expiry).
/// When the cluster cannot answer that check, the caller gets 503 (retry) rather than 401 (sign in again).
/// </summary>
public sealed partial class SessionValidationEvents(IClusterClient cluster, ILogger<SessionValidationEvents> logger) : JwtBearerEvents
{
    public const string AccessTokenQueryParameter = "access_token";

    private static readonly object ClusterUnavailableKey = new();

    /// <summary>Paths whose clients cannot send an Authorization header.</summary>
    private static readonly PathString[] QueryTokenPaths = [new("/hubs"), new("/ws")];

    public override Task MessageReceived(MessageReceivedContext context)
    {
        var request = context.Request;
        if (string.IsNullOrEmpty(context.Token)
            && request.Query.TryGetValue(AccessTokenQueryParameter, out var token)
            && QueryTokenPaths.Any(path => request.Path.StartsWithSegments(path)))
        {
            context.Token = token.ToString();
        }
        return Task.CompletedTask;
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var principal = context.Principal;
        var userId = principal?.FindFirst(ChatClaims.UserId)?.Value;
        var sessionId = principal?.FindFirst(ChatClaims.SessionId)?.Value;
        if (userId is null || sessionId is null || !RefreshTokens.IsWellFormedId(userId) || !RefreshTokens.IsWellFormedId(sessionId))
        {
            context.Fail("The token lacks the sub or sid claim.");
            return;
        }

        bool living;
        try
        {
            living = await cluster.GetGrain<IUserSessionsGrain>(userId).Touch(sessionId);
        }
        catch (Exception exception) when (ChatFaults.IsClusterFault(exception))
        {
            LogSessionCheckUnavailable(logger, exception.Message);
            context.HttpContext.Items[ClusterUnavailableKey] = true;
            context.Fail("The session could not be checked.");
            return;
        }

        if (!living)
        {
            context.Fail("The token's session has ended.");
        }
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        if (context.HttpContext.Items.ContainsKey(ClusterUnavailableKey))
        {
            context.HandleResponse();
            var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
            context.Response.StatusCode = ErrorCatalog.Unavailable.HttpStatus;
            context.Response.Headers.RetryAfter = "1";
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context.HttpContext,
                ProblemDetails = { Status = context.Response.StatusCode, Detail = ErrorCatalog.Unavailable.DefaultMessage },
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check a token's session: {Reason}")]
    private static partial void LogSessionCheckUnavailable(ILogger logger, string reason);
}
