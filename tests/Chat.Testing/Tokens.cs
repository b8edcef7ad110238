using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chat.Testing;

/// <summary>Tokens made outside the gateway, to show what it refuses.</summary>
public static class Tokens
{
    public static string Forge(TestUser user, DateTime expires, string? signingKey = null, int sessionVersion = 1) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "chat-orleans",
            Audience = "chat-orleans",
            IssuedAt = expires.AddHours(-1),
            NotBefore = expires.AddHours(-1),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey ?? ChatCluster.SigningKey)), SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object> { ["sub"] = user.Id, ["name"] = user.Username, ["sv"] = sessionVersion },
        });
}
