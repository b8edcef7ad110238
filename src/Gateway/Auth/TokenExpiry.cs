using System.Globalization;
using System.Security.Claims;

namespace Chat.Gateway.Auth;

/// <summary>When a validated token stops being valid: the end of a live connection opened with it.</summary>
public static class TokenExpiry
{
    /// <summary>Time left on the token (its <c>exp</c> claim), or forever when it has none.</summary>
    public static TimeSpan TimeLeft(ClaimsPrincipal user, TimeProvider time)
    {
        var exp = user.FindFirst("exp")?.Value;
        if (exp is null || !long.TryParse(exp, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return Timeout.InfiniteTimeSpan;
        }
        var left = DateTimeOffset.FromUnixTimeSeconds(seconds) - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
