using System.Security.Claims;
using Chat.Contracts.Errors;
using Chat.Errors;
using Chat.Gateway.Auth;
using Chat.Gateway.Grpc;
using Chat.Gateway.Observability;

namespace Chat.Gateway.Quotas;

/// <summary>
/// Spends the read or join quota of an authenticated REST or gRPC request (<see cref="MeteredOperations.Http"/>)
/// before its endpoint runs, so a refused request touches no grain. A REST refusal goes to the exception handler (429,
/// <c>Retry-After</c>, problem details with <c>code: rate_limited</c>); a gRPC one is answered here as gRPC would
/// (RESOURCE_EXHAUSTED with <c>grpc-retry-pushback-ms</c>).
/// </summary>
public sealed class RateQuotaMiddleware(RequestDelegate next, UserRateQuotas quotas, GatewayMetrics metrics)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern }
            && MeteredOperations.ForHttp(context.Request.Method, pattern) is { } quota
            && context.User.FindFirstValue(ChatClaims.UserId) is { } userId)
        {
            try
            {
                quotas.Spend(userId, quota);
            }
            catch (ChatException refusal) when (GrpcTrailersOnly.ResponseContentType(context.Request) is { } contentType)
            {
                metrics.RequestFailed(ChatTransport.Grpc, ErrorCatalog.RateLimited.WireCode);
                GrpcTrailersOnly.Write(context.Response, contentType, ErrorCatalog.RateLimited.ToStatusCode(), refusal.Message, refusal.RetryAfter);
                return Task.CompletedTask;
            }
        }
        return next(context);
    }
}
