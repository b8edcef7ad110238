using Chat.Grpc.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;

namespace Chat.Gateway.Grpc;

/// <summary><c>chat.v1.UserService</c>, the session part: refresh, logout, list and end sessions, change the password.</summary>
internal sealed partial class UserGrpcService
{
    [AllowAnonymous, EnableRateLimiting(Api.RateLimits.Credentials)]
    public override async Task<RefreshResponse> Refresh(RefreshRequest request, ServerCallContext context)
    {
        var result = await sessions.RefreshAsync(request.RefreshToken, context.CancellationToken);
        return new RefreshResponse { Token = result.Token, RefreshToken = result.RefreshToken, User = result.User.ToGrpc() };
    }

    public override async Task<LogoutResponse> Logout(LogoutRequest request, ServerCallContext context)
    {
        await sessions.LogoutAsync(context.GetCaller(), context.CancellationToken);
        return new LogoutResponse();
    }

    public override async Task<ListSessionsResponse> ListSessions(ListSessionsRequest request, ServerCallContext context)
    {
        var list = await sessions.ListAsync(context.GetCaller(), context.CancellationToken);
        var response = new ListSessionsResponse();
        response.Sessions.AddRange(list.Select(item => new Session
        {
            Id = item.Session.Id,
            CreatedAt = item.Session.CreatedAt,
            LastSeenAt = item.Session.LastSeenAt,
            UserAgent = item.Session.UserAgent ?? "",
            Current = item.Current,
        }));
        return response;
    }

    public override async Task<EndSessionResponse> EndSession(EndSessionRequest request, ServerCallContext context)
    {
        await sessions.EndAsync(context.GetCaller(), request.SessionId, context.CancellationToken);
        return new EndSessionResponse();
    }

    [EnableRateLimiting(Api.RateLimits.Credentials)]
    public override async Task<ChangePasswordResponse> ChangePassword(ChangePasswordRequest request, ServerCallContext context)
    {
        await sessions.ChangePasswordAsync(context.GetCaller(), request.CurrentPassword, request.NewPassword, context.CancellationToken);
        return new ChangePasswordResponse();
    }
}
