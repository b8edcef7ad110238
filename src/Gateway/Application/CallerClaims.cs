using System.Security.Claims;
using Chat.Gateway.Auth;

namespace Chat.Gateway.Application;

/// <summary>How a transport turns the validated token's claims into a <see cref="Caller"/>.</summary>
public static class CallerClaims
{
    public static Caller ToCaller(this ClaimsPrincipal principal, string transport, string? connectionId = null)
    {
        var userId = principal.FindFirstValue(ChatClaims.UserId)
            ?? throw new InvalidOperationException("An authenticated principal without a user id claim.");
        var username = principal.FindFirstValue(ChatClaims.Username) ?? "";
        return new Caller(userId, username, connectionId, transport, principal.FindFirstValue(ChatClaims.SessionId));
    }
}
