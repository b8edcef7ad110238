using System.ComponentModel.DataAnnotations;

namespace Chat.Gateway.Auth;

/// <summary>Token settings (section <c>Jwt</c>). Every gateway of a deployment must share the signing key.</summary>
public sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    /// <summary>The smallest HS256 key we accept: 256 bits, the size of the hash.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>
    /// The HMAC-SHA256 key (UTF-8, at least <see cref="MinimumKeyBytes"/> bytes). Required outside Development and
    /// the embedded default; there, when absent, an ephemeral key is generated at start-up.
    /// </summary>
    public string? SigningKey { get; set; }

    [Required]
    public string Issuer { get; set; } = "chat-orleans";

    [Required]
    public string Audience { get; set; } = "chat-orleans";

    /// <summary>
    /// How long an access token is valid. Short, because a live connection or a stolen token lasts at most this long
    /// past its session's end when the revocation broadcast is missed; clients renew with their refresh token.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Tolerated clock difference between gateways when checking expiry.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
