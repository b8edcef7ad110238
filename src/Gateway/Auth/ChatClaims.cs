namespace Chat.Gateway.Auth;

/// <summary>The claims the gateway's tokens carry.</summary>
public static class ChatClaims
{
    public const string UserId = "sub";
    public const string Username = "name";
    public const string SessionVersion = "sv";

    /// <summary>The sign-in session the token belongs to; it is honoured only while that session lives.</summary>
    public const string SessionId = "sid";
}
