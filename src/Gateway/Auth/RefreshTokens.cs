using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Chat.Gateway.Auth;

/// <summary>
/// The opaque refresh token: <c>userId.sessionId.secret</c>, the secret 32 random bytes (base64url). Only its SHA-256
/// hash leaves the gateway (a fast hash suffices: the secret is random, not a password). A token of any other shape is
/// refused before a grain is touched.
/// </summary>
public static class RefreshTokens
{
    /// <summary>Ids the gateway mints (and accepts here): 32 lower-case hex digits.</summary>
    private const int IdLength = 32;
    private const int SecretBytes = 32;

    /// <summary>A new session id (also the form of user ids).</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>A fresh token for the session and the hash the cluster keeps of it.</summary>
    public static (string Token, string Hash) Mint(string userId, string sessionId)
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        var token = $"{userId}.{sessionId}.{secret}";
        return (token, Hash(token));
    }

    public static bool TryParse(string? token, out string userId, out string sessionId, out string hash)
    {
        userId = sessionId = hash = "";
        var parts = token?.Split('.');
        if (parts is not [var user, var session, var secret] || !IsWellFormedId(user) || !IsWellFormedId(session)
            || secret.Length is 0 or > 64)
        {
            return false;
        }
        (userId, sessionId, hash) = (user, session, Hash(token!));
        return true;
    }

    /// <summary>True for an id of the form the gateway mints; anything else names no grain worth activating.</summary>
    public static bool IsWellFormedId(string id) => id.Length == IdLength && id.All(char.IsAsciiHexDigitLower);

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
