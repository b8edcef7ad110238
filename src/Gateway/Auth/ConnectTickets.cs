using System.Globalization;
using System.Security.Claims;
using Chat.Sessions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chat.Gateway.Auth;

/// <summary>
/// One-time connect tickets, so that a browser's live connection never carries the bearer token in its URL (where
/// access logs and proxies would keep it). A ticket is a token signed like access tokens but for another audience (so
/// no endpoint accepts it as a bearer token), valid for <see cref="Lifetime"/>, naming the caller's user, session and
/// the access token's expiry; its id (<c>jti</c>) is spent in the cluster (<see cref="IConnectTicketGrain"/>), so it
/// opens one connection on any gateway. The connection then lives as long as the access token it was issued for.
/// </summary>
public sealed class ConnectTickets(IOptions<JwtOptions> options, JwtSigningKey signingKey, TokenIssuer issuer, IClusterClient cluster, TimeProvider time)
{
    public const string QueryParameter = "ticket";

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private const string AccessExpiryClaim = "access_exp";

    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials = new(signingKey.Key, SecurityAlgorithms.HmacSha256);

    private string Audience => options.Value.Audience + "/connect-ticket";

    /// <summary>A ticket for the caller's session, expiring after <see cref="Lifetime"/> or with the access token, whichever comes first.</summary>
    public (string Ticket, DateTimeOffset ExpiresAt) Issue(ClaimsPrincipal caller)
    {
        var now = time.GetUtcNow();
        var accessLeft = TokenExpiry.TimeLeft(caller, time);
        var expiresAt = now + (accessLeft == Timeout.InfiniteTimeSpan || accessLeft > Lifetime ? Lifetime : accessLeft);
        var ticket = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = _credentials,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
                [ChatClaims.UserId] = caller.FindFirstValue(ChatClaims.UserId) ?? "",
                [ChatClaims.Username] = caller.FindFirstValue(ChatClaims.Username) ?? "",
                [ChatClaims.SessionId] = caller.FindFirstValue(ChatClaims.SessionId) ?? "",
                [AccessExpiryClaim] = caller.FindFirstValue("exp") ?? "",
            },
        });
        return (ticket, expiresAt);
    }

    /// <summary>
    /// The caller a ticket names, spending it; null when it is not a valid, unexpired, unspent ticket of this
    /// deployment. (Its session is checked by the caller, as for any token.) Cluster faults propagate.
    /// </summary>
    public async Task<ClaimsPrincipal?> RedeemAsync(string ticket)
    {
        var parameters = issuer.ValidationParameters().Clone();
        parameters.ValidAudience = Audience;
        parameters.ClockSkew = TimeSpan.Zero;
        var result = await _handler.ValidateTokenAsync(ticket, parameters);
        if (!result.IsValid || result.ClaimsIdentity.FindFirst(JwtRegisteredClaimNames.Jti)?.Value is not { Length: > 0 } jti)
        {
            return null;
        }
        var expiresAt = new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero);
        if (!await cluster.GetGrain<IConnectTicketGrain>(jti).TryRedeem(expiresAt))
        {
            return null;
        }
        var claims = new List<Claim>();
        foreach (var type in new[] { ChatClaims.UserId, ChatClaims.Username, ChatClaims.SessionId })
        {
            claims.Add(new Claim(type, result.ClaimsIdentity.FindFirst(type)?.Value ?? ""));
        }
        if (result.ClaimsIdentity.FindFirst(AccessExpiryClaim)?.Value is { Length: > 0 } accessExpiry)
        {
            claims.Add(new Claim("exp", accessExpiry, ClaimValueTypes.Integer64));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "ConnectTicket", ChatClaims.Username, ClaimTypes.Role));
    }

    /// <summary>When the access token behind a redeemed ticket expires (null when it has no expiry).</summary>
    public static DateTimeOffset? AccessExpiry(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue("exp"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
