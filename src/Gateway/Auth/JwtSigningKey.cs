using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Chat.Gateway.Auth;

/// <summary>
/// The key that signs and checks every token of this gateway: the configured one (validated at start-up by
/// <see cref="JwtOptionsValidator"/>), or, where that allows it, an ephemeral key made now and announced loudly:
/// tokens signed with it die with the process and no other gateway accepts them.
/// </summary>
public sealed partial class JwtSigningKey
{
    public JwtSigningKey(IOptions<JwtOptions> options, ILogger<JwtSigningKey> logger)
    {
        var configured = options.Value.SigningKey;
        IsEphemeral = string.IsNullOrEmpty(configured);
        Key = new SymmetricSecurityKey(IsEphemeral ? RandomNumberGenerator.GetBytes(64) : Encoding.UTF8.GetBytes(configured!));
        if (IsEphemeral)
        {
            LogEphemeralKey(logger);
        }
    }

    public SymmetricSecurityKey Key { get; }

    /// <summary>True when the key was generated at start-up (tokens do not survive a restart).</summary>
    public bool IsEphemeral { get; }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "NO Jwt:SigningKey CONFIGURED: signing tokens with an EPHEMERAL key. Tokens die with this process and no other gateway accepts them. Set Jwt__SigningKey for any shared or production deployment.")]
    private static partial void LogEphemeralKey(ILogger logger);
}
