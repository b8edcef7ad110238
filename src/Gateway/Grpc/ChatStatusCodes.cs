using System.Globalization;
using Chat.Errors;
using Grpc.Core;

namespace Chat.Gateway.Grpc;

/// <summary>The gRPC column of the error catalog: how a <see cref="ChatException"/> reads as a gRPC status.</summary>
public static class ChatStatusCodes
{
    /// <summary>
    /// The trailer gRPC clients read as "retry after this many milliseconds" (the retry pushback of gRFC A6);
    /// sent with rate limits whose wait is known.
    /// </summary>
    public const string RetryPushbackTrailer = "grpc-retry-pushback-ms";

    public static StatusCode ToStatusCode(ChatErrorCode code) => code switch
    {
        ChatErrorCode.BadRequest or ChatErrorCode.PayloadTooLarge => StatusCode.InvalidArgument,
        ChatErrorCode.Unauthorized => StatusCode.Unauthenticated,
        ChatErrorCode.Forbidden => StatusCode.PermissionDenied,
        ChatErrorCode.NotFound => StatusCode.NotFound,
        ChatErrorCode.Conflict => StatusCode.AlreadyExists,
        ChatErrorCode.RateLimited => StatusCode.ResourceExhausted,
        ChatErrorCode.Unavailable => StatusCode.Unavailable,
        _ => StatusCode.Internal,
    };

    /// <summary>The status a client sees for a refusal, with the catalog's readable message.</summary>
    public static RpcException ToRpcException(this ChatException exception)
    {
        var trailers = new Metadata();
        if (exception.RetryAfter is { } retryAfter)
        {
            trailers.Add(RetryPushbackTrailer, RetryPushback(retryAfter));
        }
        return new RpcException(new Status(ToStatusCode(exception.Code), exception.Message), trailers, exception.Message);
    }

    /// <summary>The value of <see cref="RetryPushbackTrailer"/>: whole milliseconds, rounded up.</summary>
    public static string RetryPushback(TimeSpan wait) =>
        ((long)Math.Ceiling(wait.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
}
