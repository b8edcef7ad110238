using Chat.Gateway.Application;
using Chat.Gateway.Application.Sessions;
using Chat.Grpc.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;

namespace Chat.Gateway.Grpc;

/// <summary>
/// <c>chat.v1.UserService</c>: accounts and profiles, adapted onto <see cref="IChatApplication"/>. Register and login
/// share REST's per-address limit on credential attempts (each costs a deliberately slow hash).
/// </summary>
[Authorize]
internal sealed partial class UserGrpcService(IChatApplication chat, SessionCommands sessions) : UserService.UserServiceBase
{
    [AllowAnonymous, EnableRateLimiting(Api.RateLimits.Credentials)]
    public override async Task<CreateUserResponse> CreateUser(CreateUserRequest request, ServerCallContext context)
    {
        var result = await chat.RegisterAsync(request.Username, request.Email, request.Password, context.CancellationToken);
        return new CreateUserResponse { User = result.User.ToGrpc(), Token = result.Token, RefreshToken = result.RefreshToken };
    }

    [AllowAnonymous, EnableRateLimiting(Api.RateLimits.Credentials)]
    public override async Task<LoginResponse> Login(LoginRequest request, ServerCallContext context)
    {
        var result = await chat.LoginAsync(request.Username, request.Password, context.CancellationToken);
        return new LoginResponse { Token = result.Token, User = result.User.ToGrpc(), RefreshToken = result.RefreshToken };
    }

    public override async Task<GetUserResponse> GetUser(GetUserRequest request, ServerCallContext context)
    {
        var user = await chat.GetUserAsync(context.GetCaller(), request.UserId, context.CancellationToken);
        return new GetUserResponse { User = user.ToGrpc() };
    }

    public override async Task<UpdateUserResponse> UpdateUser(UpdateUserRequest request, ServerCallContext context)
    {
        var user = await chat.UpdateProfileAsync(
            context.GetCaller(),
            email: request.HasEmail ? request.Email : null,
            avatar: request.HasAvatar ? request.Avatar : null,
            displayName: request.HasDisplayName ? request.DisplayName : null,
            context.CancellationToken);
        return new UpdateUserResponse { User = user.ToGrpc() };
    }

    public override async Task<GetProfilesResponse> GetProfiles(GetProfilesRequest request, ServerCallContext context)
    {
        var profiles = await chat.GetProfilesAsync(context.GetCaller(), request.UserIds, context.CancellationToken);
        return new GetProfilesResponse { Profiles = { profiles.Select(profile => profile.ToGrpc()) } };
    }
}
