using System.Security.Claims;
using Chat.Gateway.Application;

namespace Chat.Gateway.Auth;

/// <summary>The claims the gateway's tokens carry and how a transport turns them into a <see cref="Caller"/>.</summary>
public static class ChatClaims
{
    public const string UserId = "sub";
    public const string Username = "name";
    public const string SessionVersion = "sv";

    public static Caller ToCaller(this ClaimsPrincipal principal, string? connectionId = null)
    {
        var userId = principal.FindFirstValue(UserId)
            ?? throw new InvalidOperationException("An authenticated principal without a user id claim.");
        var username = principal.FindFirstValue(Username) ?? "";
        return new Caller(userId, username, connectionId);
    }
}
