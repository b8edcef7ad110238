using Chat.Contracts;
using Chat.Gateway.Application.Sessions;
using Chat.Gateway.Hosting;
using Chat.Gateway.Mapping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.Gateway.Api;

/// <summary>
/// <c>/users</c>, the session part: refresh, the caller's sessions, ending one, changing the password. (Login,
/// register and logout are in <see cref="UsersApi"/>.)
/// </summary>
public static class SessionsApi
{
    public static RouteGroupBuilder MapSessionsApi(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/users");
        users.MapPost("/refresh", Refresh).AllowAnonymous().RequireRateLimiting(RateLimits.Credentials)
            .WithName("Refresh").WithSummary("Spend a refresh token for a new access token and refresh token (a spent one ends its session).")
            .ProducesProblems(400, 401, 413, 429, 503);
        users.MapGet("/me/sessions", ListSessions).RequireAuthorization()
            .WithName("ListSessions").WithSummary("The caller's living sign-in sessions, most recently seen first.").ProducesProblems(401, 503);
        users.MapDelete("/me/sessions/{sessionId}", EndSession).RequireAuthorization()
            .WithName("EndSession").WithSummary("End one of the caller's sessions (as a logout there: its live connections close).")
            .ProducesProblems(401, 404, 503);
        users.MapPut("/me/password", ChangePassword).RequireAuthorization().RequireRateLimiting(RateLimits.Credentials)
            .WithName("ChangePassword").WithSummary("Change the password (the current one is checked); every other session ends.")
            .ProducesProblems(400, 401, 403, 413, 429, 503);
        return users;
    }

    public static async Task<Ok<AuthResponse>> Refresh(RefreshRequest? request, SessionCommands sessions, CancellationToken cancellationToken)
    {
        var result = await sessions.RefreshAsync(request?.RefreshToken, cancellationToken);
        return TypedResults.Ok(new AuthResponse(result.Token, result.User.ToDto(), result.RefreshToken));
    }

    public static async Task<Ok<SessionsResponse>> ListSessions(HttpContext context, SessionCommands sessions)
    {
        var list = await sessions.ListAsync(context.Caller(), context.RequestAborted);
        return TypedResults.Ok(new SessionsResponse([.. list.Select(item => item.Session.ToDto(item.Current))]));
    }

    public static async Task<NoContent> EndSession(string sessionId, HttpContext context, SessionCommands sessions)
    {
        await sessions.EndAsync(context.Caller(), sessionId, context.RequestAborted);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> ChangePassword(ChangePasswordRequest? request, HttpContext context, SessionCommands sessions)
    {
        await sessions.ChangePasswordAsync(context.Caller(), request?.CurrentPassword, request?.NewPassword, context.RequestAborted);
        return TypedResults.NoContent();
    }
}
