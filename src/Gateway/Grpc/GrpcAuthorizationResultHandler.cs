using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Chat.Gateway.Grpc;

/// <summary>
/// Answers a refused gRPC call with a gRPC status instead of a bare HTTP 401/403. Clients map a bare 401 to
/// UNAUTHENTICATED too, but only with a generic "Bad gRPC response" message, and browsers' gRPC-Web clients vary;
/// a trailers-only response (HTTP 200 carrying <c>grpc-status</c>) reads the same everywhere: UNAUTHENTICATED for a
/// missing, malformed, expired or revoked token, PERMISSION_DENIED for a policy the caller does not meet.
/// Every other request is handled by ASP.NET Core's default handler.
/// </summary>
public sealed class GrpcAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || GrpcContentType(context.Request.ContentType) is not { } contentType)
        {
            return fallback.HandleAsync(next, context, policy, authorizeResult);
        }
        var (status, message) = authorizeResult.Forbidden
            ? (StatusCode.PermissionDenied, "The caller may not use this method.")
            : (StatusCode.Unauthenticated, "A valid bearer token is required: send metadata 'authorization: Bearer <token>'.");
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.Headers["grpc-status"] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = message;
        return Task.CompletedTask;
    }

    /// <summary>The content type of a gRPC answer to this request, or null when the request is not gRPC.</summary>
    private static string? GrpcContentType(string? requestContentType) => requestContentType switch
    {
        null => null,
        _ when requestContentType.StartsWith("application/grpc-web-text", StringComparison.OrdinalIgnoreCase) => "application/grpc-web-text",
        _ when requestContentType.StartsWith("application/grpc-web", StringComparison.OrdinalIgnoreCase) => "application/grpc-web",
        _ when requestContentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) => "application/grpc",
        _ => null,
    };
}
