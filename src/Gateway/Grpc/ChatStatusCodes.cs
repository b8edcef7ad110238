using System.Globalization;
using Chat.Contracts.Errors;
using Chat.Errors;
using Chat.Gateway.Errors;
using Grpc.Core;

namespace Chat.Gateway.Grpc;

/// <summary>How a <see cref="ChatException"/> reads as a gRPC status: its catalog row's status and its message.</summary>
public static class ChatStatusCodes
{
    /// <summary>
    /// The trailer gRPC clients read as "retry after this many milliseconds" (the retry pushback of gRFC A6);
    /// sent with rate limits whose wait is known.
    /// </summary>
    public const string RetryPushbackTrailer = "grpc-retry-pushback-ms";

    /// <summary>The gRPC status of a catalog row.</summary>
    public static StatusCode ToStatusCode(this ErrorDescriptor row) => (StatusCode)row.GrpcStatus;

    /// <summary>The status a client sees for a refusal, with the catalog's readable message.</summary>
    public static RpcException ToRpcException(this ChatException exception)
    {
        var trailers = new Metadata();
        if (exception.RetryAfter is { } retryAfter)
        {
            trailers.Add(RetryPushbackTrailer, RetryPushback(retryAfter));
        }
        return new RpcException(new Status(exception.Code.Describe().ToStatusCode(), exception.Message), trailers, exception.Message);
    }

    /// <summary>The value of <see cref="RetryPushbackTrailer"/>: whole milliseconds, rounded up.</summary>
    public static string RetryPushback(TimeSpan wait) =>
        ((long)Math.Ceiling(wait.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
}
