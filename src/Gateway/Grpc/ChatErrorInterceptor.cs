using Chat.Errors;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Chat.Gateway.Grpc;

/// <summary>
/// Translates refusals from the application layer into gRPC statuses, once, for every service: a
/// <see cref="ChatException"/> becomes its catalog status with its readable message; anything unexpected is logged
/// and answered INTERNAL without internals. Statuses a service raised itself and cancellations pass through.
/// </summary>
public sealed partial class ChatErrorInterceptor(ILogger<ChatErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (Translate(exception, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception exception) when (Translate(exception, context) is { } status)
        {
            throw status;
        }
    }

    /// <summary>The status to answer with, or null to let the exception through unchanged.</summary>
    private RpcException? Translate(Exception exception, ServerCallContext context)
    {
        switch (exception)
        {
            case ChatException refusal:
                return refusal.ToRpcException();
            case RpcException:
                return null;
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                // The client went away or cancelled: gRPC reports that itself.
                return null;
            default:
                LogUnexpected(exception, context.Method);
                return new RpcException(new Status(StatusCode.Internal, "An internal error occurred."));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC call {Method} failed unexpectedly")]
    private partial void LogUnexpected(Exception exception, string method);
}
