namespace Chat.Grains.Sessions;

/// <summary>A user's living sessions (durable). Refresh tokens are kept only as SHA-256 hashes.</summary>
[GenerateSerializer, Alias("chat.UserSessionsState")]
public sealed class UserSessionsState
{
    [Id(0)]
    public Dictionary<string, SessionRecord> Sessions { get; set; } = new(StringComparer.Ordinal);
}

[GenerateSerializer, Alias("chat.SessionRecord")]
public sealed class SessionRecord
{
    [Id(0)]
    public long CreatedAt { get; set; }

    [Id(1)]
    public long LastSeenAt { get; set; }

    [Id(2)]
    public string? UserAgent { get; set; }

    /// <summary>Hash of the one refresh token that may be spent next.</summary>
    [Id(3)]
    public string RefreshHash { get; set; } = "";

    /// <summary>Hashes of tokens already spent (newest last, capped): presenting one again ends the session.</summary>
    [Id(4)]
    public List<string> SpentHashes { get; set; } = [];

    /// <summary>When the refresh token was last issued; the session ends <see cref="SessionOptions.IdleLifetime"/> after.</summary>
    [Id(5)]
    public long RefreshedAt { get; set; }
}
