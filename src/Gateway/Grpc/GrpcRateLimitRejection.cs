using System.Threading.RateLimiting;
using Chat.Contracts.Errors;
using Chat.Gateway.Observability;
using Grpc.Core;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Grpc;

/// <summary>
/// Makes the host's rate limiter answer gRPC calls with RESOURCE_EXHAUSTED (and the retry pushback when the limiter
/// knows the wait) instead of an HTTP 429 that gRPC clients would read as UNAVAILABLE. Other requests keep the host's
/// own rejection.
/// </summary>
public sealed class GrpcRateLimitRejection(GatewayMetrics metrics) : IPostConfigureOptions<RateLimiterOptions>
{
    public void PostConfigure(string? name, RateLimiterOptions options)
    {
        var hostRejection = options.OnRejected;
        options.OnRejected = (rejected, cancellationToken) =>
        {
            if (GrpcTrailersOnly.ResponseContentType(rejected.HttpContext.Request) is not { } contentType)
            {
                return hostRejection?.Invoke(rejected, cancellationToken) ?? ValueTask.CompletedTask;
            }
            metrics.RequestFailed(ChatTransport.Grpc, ErrorCatalog.RateLimited.WireCode);
            TimeSpan? retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : null;
            GrpcTrailersOnly.Write(rejected.HttpContext.Response, contentType, ErrorCatalog.RateLimited.ToStatusCode(),
                "Too many attempts; try again later.", retryAfter);
            return ValueTask.CompletedTask;
        };
    }
}
