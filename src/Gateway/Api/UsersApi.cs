using Chat.Contracts;
using Chat.Gateway.Application;
using Chat.Gateway.Mapping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.Gateway.Api;

/// <summary><c>/users</c>: register, log in and out, the caller's profile.</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/users");
        users.MapPost("/register", Register).AllowAnonymous().RequireRateLimiting(RateLimits.Credentials);
        users.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(RateLimits.Credentials);
        users.MapPost("/logout", Logout).RequireAuthorization();
        users.MapGet("/me", GetMe).RequireAuthorization();
        users.MapPut("/me", UpdateMe).RequireAuthorization();
        return users;
    }

    public static async Task<Created<AuthResponse>> Register(RegisterRequest? request, IChatApplication chat, CancellationToken cancellationToken)
    {
        var result = await chat.RegisterAsync(request?.Username, request?.Email, request?.Password, cancellationToken);
        return TypedResults.Created("/users/me", new AuthResponse(result.Token, result.User.ToDto()));
    }

    public static async Task<Ok<AuthResponse>> Login(LoginRequest? request, IChatApplication chat, CancellationToken cancellationToken)
    {
        var result = await chat.LoginAsync(request?.Username, request?.Password, cancellationToken);
        return TypedResults.Ok(new AuthResponse(result.Token, result.User.ToDto()));
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
