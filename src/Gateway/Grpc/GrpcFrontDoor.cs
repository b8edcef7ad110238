using Microsoft.AspNetCore.Http.Features;

namespace Chat.Gateway.Grpc;

/// <summary>
/// What gRPC requests need before anything else in the pipeline sees them, so that it holds whatever order the host's
/// Program adds its middleware in:
/// <list type="bullet">
/// <item>CORS for gRPC-Web: a browser's preflight carries no token, so it must be answered before authentication and
/// authorization could refuse it.</item>
/// <item>One size limit: gRPC's own per-message limit (<see cref="ChatGrpcOptions.MaxReceiveMessageSize"/>, answered
/// RESOURCE_EXHAUSTED from the message's length prefix, before its body is read) replaces the host's HTTP body limit,
/// which would otherwise cut an oversized request off mid-read with a bare error.</item>
/// <item>Malformed request frames answered INVALID_ARGUMENT (<see cref="GrpcRequestFrameCheck"/>), not INTERNAL/UNKNOWN.</item>
/// </list>
/// </summary>
internal sealed class GrpcFrontDoor : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseWhen(context => GrpcSetup.IsGrpcPath(context.Request.Path), grpc =>
        {
            grpc.UseCors(GrpcSetup.GrpcWebCorsPolicy);
            grpc.Use((context, nextMiddleware) =>
            {
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
                {
                    bodyLimit.MaxRequestBodySize = null;
                }
                return nextMiddleware(context);
            });
            grpc.Use(GrpcRequestFrameCheck.InvokeAsync);
        });
        next(app);
    };
}
