using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http.Features;

namespace Chat.Gateway.Grpc;

/// <summary>
/// Answers a gRPC call that authorization refused with a gRPC status instead of a bare HTTP error. Clients would map
/// a bare 401 to UNAUTHENTICATED too, but only with a generic "Bad gRPC response" message, and browsers' gRPC-Web
/// clients vary; a trailers-only response (HTTP 200 carrying <c>grpc-status</c>) reads the same everywhere.
/// <para>
/// The host's authentication still decides: its challenge or forbid runs as usual (with any body it writes
/// discarded), and the HTTP status it chose becomes the gRPC status the gRPC spec maps it to: 401 (missing, malformed,
/// expired or revoked token) UNAUTHENTICATED, 403 PERMISSION_DENIED, 503 (the session could not be checked)
/// UNAVAILABLE. Requests that are not gRPC get ASP.NET Core's default handling.
/// </para>
/// </summary>
public sealed class GrpcAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || GrpcContentType(context.Request.ContentType) is not { } contentType)
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

        var (status, message) = ToGrpcStatus(context.Response.StatusCode);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = null;
        response.Headers["grpc-status"] = ((int)status).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = message;
    }

    private static (StatusCode Status, string Message) ToGrpcStatus(int httpStatus) => httpStatus switch
    {
        StatusCodes.Status403Forbidden => (StatusCode.PermissionDenied, "The caller may not use this method."),
        StatusCodes.Status503ServiceUnavailable or StatusCodes.Status429TooManyRequests
            => (StatusCode.Unavailable, "The chat cluster is unavailable; try again shortly."),
        _ => (StatusCode.Unauthenticated, "A valid bearer token is required: send metadata 'authorization: Bearer <token>'."),
    };

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
