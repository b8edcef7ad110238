using System.Security.Claims;
using Chat.Users;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chat.Gateway.Auth;

/// <summary>Issues the HS256 tokens that every transport accepts: <c>sub</c>, <c>name</c> and <c>sid</c> (the sign-in session).</summary>
public sealed class TokenIssuer(IOptions<JwtOptions> options, JwtSigningKey signingKey, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials = new(signingKey.Key, SecurityAlgorithms.HmacSha256);

    public string Issue(UserProfile user, string sessionId)
    {
        var jwt = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + jwt.Lifetime,
            SigningCredentials = _credentials,
            Claims = new Dictionary<string, object>
            {
                [ChatClaims.UserId] = user.Id,
                [ChatClaims.Username] = user.Username,
                [ChatClaims.SessionId] = sessionId,
            },
        });
    }

    /// <summary>The checks a transport applies to a presented token (signature, issuer, audience, lifetime).</summary>
    public TokenValidationParameters ValidationParameters()
    {
        var jwt = options.Value;
        return new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            IssuerSigningKey = signingKey.Key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = jwt.ClockSkew,
            RequireExpirationTime = true,
            NameClaimType = ChatClaims.Username,
            RoleClaimType = ClaimTypes.Role,
        };
    }
}
