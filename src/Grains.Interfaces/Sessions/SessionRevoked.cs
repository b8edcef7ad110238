namespace Chat.Sessions;

/// <summary>A session ended (logout, revoke, password change, refresh token reuse): its live connections must close.</summary>
[GenerateSerializer, Immutable, Alias("chat.SessionRevoked")]
public sealed record SessionRevoked(
    [property: Id(0)] string UserId,
    [property: Id(1)] string SessionId,
    [property: Id(2)] string Reason);
