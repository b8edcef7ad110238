using System.Security.Claims;
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
/// Those paths also accept a one-time connect ticket (<c>?ticket=</c>, see <see cref="ConnectTickets"/>) in place of the
/// token, so that the token never appears in a URL; a ticket that is invalid, expired, spent or of an ended session is
/// 401 like a bad token.
/// </summary>
public sealed partial class SessionValidationEvents(IClusterClient cluster, ConnectTickets tickets, ILogger<SessionValidationEvents> logger) : JwtBearerEvents
{
    public const string AccessTokenQueryParameter = "access_token";

    private static readonly object ClusterUnavailableKey = new();

    /// <summary>Paths whose clients cannot send an Authorization header.</summary>
    private static readonly PathString[] QueryTokenPaths = [new("/hubs"), new("/ws")];

    public override async Task MessageReceived(MessageReceivedContext context)
    {
        var request = context.Request;
        if (!string.IsNullOrEmpty(context.Token) || !QueryTokenPaths.Any(path => request.Path.StartsWithSegments(path)))
        {
            return;
        }
        if (request.Query.TryGetValue(AccessTokenQueryParameter, out var token))
        {
            context.Token = token.ToString();
        }
        else if (request.Query.TryGetValue(ConnectTickets.QueryParameter, out var ticket))
        {
            await RedeemTicketAsync(context, ticket.ToString());
        }
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        if (await CheckSessionAsync(context.HttpContext, context.Principal) is { } failure)
        {
            context.Fail(failure);
        }
    }

    private async Task RedeemTicketAsync(MessageReceivedContext context, string ticket)
    {
        ClaimsPrincipal? principal;
        try
        {
            principal = await tickets.RedeemAsync(ticket);
        }
        catch (Exception exception) when (ChatFaults.IsClusterFault(exception))
        {
            LogSessionCheckUnavailable(logger, exception.Message);
            context.HttpContext.Items[ClusterUnavailableKey] = true;
            context.Fail("The connect ticket could not be checked.");
            return;
        }
        if (principal is null)
        {
            context.Fail("The connect ticket is invalid, expired or already used.");
            return;
        }
        if (await CheckSessionAsync(context.HttpContext, principal) is { } failure)
        {
            context.Fail(failure);
            return;
        }
        context.Principal = principal;
        // A live connection closes when the access token behind the ticket would have expired, not the ticket.
        context.Properties.ExpiresUtc = ConnectTickets.AccessExpiry(principal);
        context.Success();
    }

    /// <summary>Null while the sign-in session the principal names lives, else why it is refused.</summary>
    private async Task<string?> CheckSessionAsync(HttpContext httpContext, ClaimsPrincipal? principal)
    {
        var userId = principal?.FindFirst(ChatClaims.UserId)?.Value;
        var sessionId = principal?.FindFirst(ChatClaims.SessionId)?.Value;
        if (userId is null || sessionId is null || !RefreshTokens.IsWellFormedId(userId) || !RefreshTokens.IsWellFormedId(sessionId))
        {
            return "The token lacks the sub or sid claim.";
        }

        try
        {
            return await cluster.GetGrain<IUserSessionsGrain>(userId).Touch(sessionId) ? null : "The token's session has ended.";
        }
        catch (Exception exception) when (ChatFaults.IsClusterFault(exception))
        {
            LogSessionCheckUnavailable(logger, exception.Message);
            httpContext.Items[ClusterUnavailableKey] = true;
            return "The session could not be checked.";
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
