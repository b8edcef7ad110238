namespace Chat.Gateway.Grpc;

/// <summary>
/// Puts the gRPC-Web CORS policy at the very front of the pipeline, for gRPC paths only. A browser's preflight
/// carries no token, so it must be answered before authentication and authorization can refuse it; running first
/// makes that true whatever order the host's Program adds its middleware in.
/// </summary>
internal sealed class GrpcWebCorsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseWhen(
            context => GrpcSetup.IsGrpcPath(context.Request.Path),
            grpc => grpc.UseCors(GrpcSetup.GrpcWebCorsPolicy));
        next(app);
    };
}
