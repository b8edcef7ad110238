using Chat.Errors;
using Chat.Gateway.Errors;
using Chat.Gateway.Observability;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Chat.Gateway.Grpc;

/// <summary>
/// Translates failures into gRPC statuses, once, for every service: what <see cref="ChatFaults"/> classifies (a
/// <see cref="ChatException"/> as it is, an unreachable cluster as Unavailable, anything else as a logged Internal
/// without details) becomes its catalog status with its readable message. Statuses a service raised itself and the
/// cancellation of a call whose client went away pass through. Each refusal is counted by its catalog code.
/// </summary>
public sealed class ChatErrorInterceptor(GatewayMetrics metrics, ILogger<ChatErrorInterceptor> logger) : Interceptor
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
        if (exception is RpcException || (exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested))
        {
            return null;
        }
        var refusal = ChatFaults.Classify(exception, logger);
        metrics.RequestFailed(ChatTransport.Grpc, refusal.Code.Describe().WireCode);
        return refusal.ToRpcException();
    }
}
