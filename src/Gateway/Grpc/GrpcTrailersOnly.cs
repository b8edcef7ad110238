using System.Globalization;
using System.Text;
using Grpc.Core;

namespace Chat.Gateway.Grpc;

/// <summary>
/// Answers a gRPC request that middleware refuses before it reaches its service (authorization, rate limiting) the way
/// gRPC itself would: a trailers-only response, HTTP 200 with <c>grpc-status</c> and <c>grpc-message</c> in the
/// headers. Every gRPC and gRPC-Web client reads the status and the readable message from it; a bare HTTP error
/// would only reach them as a generic "Bad gRPC response".
/// </summary>
internal static class GrpcTrailersOnly
{
    /// <summary>The content type of a gRPC answer to this request, or null when the request is not gRPC.</summary>
    public static string? ResponseContentType(HttpRequest request) => request.ContentType switch
    {
        null => null,
        var type when type.StartsWith("application/grpc-web-text", StringComparison.OrdinalIgnoreCase) => "application/grpc-web-text",
        var type when type.StartsWith("application/grpc-web", StringComparison.OrdinalIgnoreCase) => "application/grpc-web",
        var type when type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) => "application/grpc",
        _ => null,
    };

    /// <summary>Replaces whatever status the response had with the gRPC status; the body must stay empty.</summary>
    public static void Write(HttpResponse response, string contentType, StatusCode status, string message, TimeSpan? retryAfter = null)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = null;
        response.Headers["grpc-status"] = ((int)status).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(message);
        if (retryAfter is { } wait)
        {
            response.Headers[ChatStatusCodes.RetryPushbackTrailer] = ChatStatusCodes.RetryPushback(wait);
        }
    }

    /// <summary>The gRPC spec's encoding of grpc-message: printable ASCII except '%' as it is, other UTF-8 bytes as %XX.</summary>
    private static string PercentEncode(string message)
    {
        var encoded = new StringBuilder(message.Length);
        foreach (var value in Encoding.UTF8.GetBytes(message))
        {
            if (value is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                encoded.Append((char)value);
            }
            else
            {
                encoded.Append('%').Append(value.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return encoded.ToString();
    }
}
