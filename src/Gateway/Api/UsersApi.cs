using Chat.Contracts;
using Chat.Gateway.Application;
using Chat.Gateway.Auth;
using Chat.Gateway.Hosting;
using Chat.Gateway.Mapping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.Gateway.Api;

/// <summary><c>/users</c>: register, log in and out, the caller's profile.</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/users");
        users.MapPost("/register", Register).AllowAnonymous().RequireRateLimiting(RateLimits.Credentials)
            .WithName("Register").WithSummary("Create an account and get an access token and a refresh token.").ProducesProblems(400, 409, 413, 429, 503);
        users.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(RateLimits.Credentials)
            .WithName("Login").WithSummary("Sign in (username matched case-insensitively) and get an access token and a refresh token.").ProducesProblems(400, 401, 413, 429, 503);
        users.MapPost("/logout", Logout).RequireAuthorization()
            .WithName("Logout").WithSummary("End the caller's session: its refresh token dies and its live connections close on every gateway.").ProducesProblems(401, 503);
        users.MapGet("/me", GetMe).RequireAuthorization()
            .WithName("GetMe").WithSummary("The caller's profile.").ProducesProblems(401, 503);
        users.MapPut("/me", UpdateMe).RequireAuthorization()
            .WithName("UpdateMe").WithSummary("Change the caller's email, display name or avatar (absent fields stay).").ProducesProblems(400, 401, 409, 413, 503);
        return users;
    }

    public static async Task<Created<AuthResponse>> Register(RegisterRequest? request, IChatApplication chat, CancellationToken cancellationToken)
    {
        var result = await chat.RegisterAsync(request?.Username, request?.Email, request?.Password, cancellationToken);
        return TypedResults.Created("/users/me", new AuthResponse(result.Token, result.User.ToDto(), result.RefreshToken));
    }

    public static async Task<Ok<AuthResponse>> Login(LoginRequest? request, IChatApplication chat, CancellationToken cancellationToken)
    {
        var result = await chat.LoginAsync(request?.Username, request?.Password, cancellationToken);
        return TypedResults.Ok(new AuthResponse(result.Token, result.User.ToDto(), result.RefreshToken));
    }

    public static async Task<NoContent> Logout(HttpContext context, IChatApplication chat)
    {
        await chat.LogoutAsync(context.Caller(), context.RequestAborted);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<UserDto>> GetMe(HttpContext context, IChatApplication chat)
    {
        var user = await chat.GetUserAsync(context.Caller(), null, context.RequestAborted);
        return TypedResults.Ok(user.ToDto());
    }

    public static async Task<Ok<UserDto>> UpdateMe(UpdateProfileRequest? request, HttpContext context, IChatApplication chat)
    {
        // A JSON null (or empty) body is not "change nothing": it is a malformed request.
        if (request is null)
        {
            throw Chat.Errors.ChatException.BadRequest("The body must be a JSON object with the fields to change.");
        }
        var user = await chat.UpdateProfileAsync(context.Caller(), request?.Email, request?.Avatar, request?.DisplayName, context.RequestAborted);
        return TypedResults.Ok(user.ToDto());
    }
}
