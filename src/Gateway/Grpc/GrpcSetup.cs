using Chat.Gateway.Observability;
using Chat.ServiceDefaults;
using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using V1 = Chat.Grpc.V1;

namespace Chat.Gateway.Grpc;

/// <summary>
/// Composition of the gRPC surface: <c>chat.v1.UserService</c> and <c>chat.v1.ChatService</c> (generated from
/// protos/chat.proto), server reflection, <c>grpc.health.v1.Health</c>, gRPC-Web for browsers, and its CORS policy.
/// Served on every Kestrel endpoint: native gRPC on the HTTP/2 endpoint (:50051), gRPC-Web on the HTTP one (:3001).
/// </summary>
public static class GrpcSetup
{
    /// <summary>The CORS policy that lets the configured browser origins call over gRPC-Web.</summary>
    public const string GrpcWebCorsPolicy = "grpc-web";

    /// <summary>Path prefixes of every gRPC service this gateway serves (a gRPC path is <c>/package.Service/Method</c>).</summary>
    private static readonly string[] GrpcPathPrefixes = ["/chat.v1.", "/grpc.health.v1.", "/grpc.reflection."];

    public static WebApplicationBuilder AddChatGrpc(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<ChatGrpcOptions>(ChatGrpcOptions.SectionName);

        services.AddGrpc(grpc => grpc.Interceptors.Add<ChatErrorInterceptor>());
        services.AddOptions<GrpcServiceOptions>()
            .Configure<IOptions<ChatGrpcOptions>>((grpc, chat) => grpc.MaxReceiveMessageSize = chat.Value.MaxReceiveMessageSize);
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks(health =>
        {
            // "" (the whole server) is mapped by default; the services answer with the same checks.
            health.Services.Map(V1.UserService.Descriptor.FullName, _ => true);
            health.Services.Map(V1.ChatService.Descriptor.FullName, _ => true);
        });

        services.AddScoped<SubscribeHandler>();
        services.AddScoped<UserEventsHandler>();
        // The gateway's instruments; registered here too so that gRPC composes without the observability setup.
        services.TryAddSingleton<GatewayMetrics>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        services.AddSingleton<IPostConfigureOptions<RateLimiterOptions>, GrpcRateLimitRejection>();

        services.AddCors();
        services.AddOptions<CorsOptions>()
            .Configure<IOptions<ChatGrpcOptions>>((cors, chat) => cors.AddPolicy(GrpcWebCorsPolicy, policy => policy
                .WithOrigins([.. chat.Value.EffectiveCorsOrigins])
                .AllowAnyHeader()
                .WithMethods(HttpMethods.Post, HttpMethods.Options)
                .WithExposedHeaders("grpc-status", "grpc-message", "grpc-status-details-bin", "grpc-encoding", "grpc-accept-encoding")));
        services.AddTransient<IStartupFilter, GrpcFrontDoor>();
        return builder;
    }

    public static WebApplication MapChatGrpc(this WebApplication app)
    {
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.MapGrpcService<UserGrpcService>();
        app.MapGrpcService<ChatGrpcService>();
        // The schema is public (protos/chat.proto); health answers probes, which carry no token.
        app.MapGrpcReflectionService().AllowAnonymous();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        return app;
    }

    internal static bool IsGrpcPath(PathString path) =>
        path.Value is { } value && GrpcPathPrefixes.Any(prefix => value.StartsWith(prefix, StringComparison.Ordinal));
}
