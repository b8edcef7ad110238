using Chat.Contracts.Errors;
using Chat.Gateway.Observability;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http.Features;

namespace Chat.Gateway.Grpc;

/// <summary>
/// Answers a gRPC call that authorization refused with a gRPC status (<see cref="GrpcTrailersOnly"/>) instead of a
/// bare HTTP 401/403. The host's authentication still decides: its challenge or forbid runs as usual (any body it
/// writes is discarded), and the HTTP status it chose becomes the gRPC status the gRPC spec maps it to: 401 (missing,
/// malformed, expired or revoked token) UNAUTHENTICATED, 403 PERMISSION_DENIED, 503 (the session could not be
/// checked) UNAVAILABLE. Requests that are not gRPC get ASP.NET Core's default handling.
/// </summary>
public sealed class GrpcAuthorizationResultHandler(GatewayMetrics metrics) : IAuthorizationMiddlewareResultHandler
{
    /// <summary>The catalog's message with the hint a gRPC caller needs.</summary>
    private const string UnauthenticatedMessage = "A valid bearer token is required: send metadata 'authorization: Bearer <token>'.";

    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || GrpcTrailersOnly.ResponseContentType(context.Request) is not { } contentType)
        {
            await standard.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        try
        {
            await standard.HandleAsync(next, context, policy, authorizeResult);
        }
        finally
        {
            context.Features.Set(body);
        }

        var row = context.Response.StatusCode switch
        {
            StatusCodes.Status403Forbidden => ErrorCatalog.Forbidden,
            StatusCodes.Status503ServiceUnavailable => ErrorCatalog.Unavailable,
            _ => ErrorCatalog.Unauthorized,
        };
        var message = row == ErrorCatalog.Unauthorized ? UnauthenticatedMessage : row.DefaultMessage;
        metrics.RequestFailed(ChatTransport.Grpc, row.WireCode);
        GrpcTrailersOnly.Write(context.Response, contentType, row.ToStatusCode(), message);
    }
}
