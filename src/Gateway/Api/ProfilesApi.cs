using Chat.Contracts;
using Chat.Gateway.Application;
using Chat.Gateway.Auth;
using Chat.Gateway.Hosting;
using Chat.Gateway.Mapping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Chat.Gateway.Api;

/// <summary><c>/users/{userId}</c> and <c>/users?ids=</c>: other users' profiles with global presence (never their email).</summary>
public static class ProfilesApi
{
    public static RouteGroupBuilder MapProfilesApi(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/users").RequireAuthorization();
        users.MapGet("/{userId}", GetProfile)
            .WithName("GetProfile").WithSummary("A user's profile, online anywhere now or not, and when last seen.").ProducesProblems(400, 401, 404, 503);
        users.MapGet("", GetProfiles)
            .WithName("GetProfiles").WithSummary("Profiles of up to 100 users (ids=a,b,...), in the order asked; unknown ids are left out.").ProducesProblems(400, 401, 503);
        return users;
    }

    public static async Task<Ok<ProfileDto>> GetProfile(string userId, HttpContext context, IChatApplication chat)
    {
        var profile = await chat.GetProfileAsync(context.Caller(), userId, context.RequestAborted);
        return TypedResults.Ok(profile.ToDto());
    }

    /// <summary><c>ids</c> is comma-separated; repeating the parameter works too.</summary>
    public static async Task<Ok<ProfilesResponse>> GetProfiles([FromQuery] string[]? ids, HttpContext context, IChatApplication chat)
    {
        var userIds = (ids ?? []).SelectMany(value => value.Split(','));
        var profiles = await chat.GetProfilesAsync(context.Caller(), userIds, context.RequestAborted);
        return TypedResults.Ok(new ProfilesResponse([.. profiles.Select(profile => profile.ToDto())]));
    }
}
