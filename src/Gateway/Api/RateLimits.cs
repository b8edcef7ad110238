using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Chat.Contracts.Errors;
using Chat.Errors;
using Chat.Gateway.Errors;
using Chat.ServiceDefaults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Api;

/// <summary>
/// Section <c>Gateway:CredentialsRateLimit</c>: register and login attempts per client address and window. Each
/// attempt costs a deliberately slow hash, so this bounds both password guessing and CPU exhaustion. (Message sends
/// have their own per-user limit in the cluster, across every transport.)
/// </summary>
public sealed class CredentialsRateLimitOptions
{
    public const string SectionName = "Gateway:CredentialsRateLimit";

    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

public static class RateLimits
{
    public const string Credentials = "credentials";

    public static IServiceCollection AddChatRateLimits(this IServiceCollection services)
    {
        services.AddValidatedOptions<CredentialsRateLimitOptions>(CredentialsRateLimitOptions.SectionName);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = WriteRejectionAsync;
            limiter.AddPolicy(Credentials, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<CredentialsRateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PermitLimit, Window = options.Window, QueueLimit = 0 });
            });
        });
        return services;
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = ErrorCatalog.RateLimited.HttpStatus,
                Detail = "Too many attempts; try again later.",
                Extensions = { ["code"] = ErrorCatalog.RateLimited.WireCode },
            },
        });
    }
}
