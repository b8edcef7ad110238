using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Chat.Gateway.Hosting;

/// <summary>
/// Brotli or gzip (as the client accepts) for responses produced at request time: JSON and ProblemDetails from
/// REST, the app's HTML, and any static file that has no precompressed copy (see <see cref="PrecompressedAssets"/>).
/// Long-lived streams are never compressed: SignalR (<c>/hubs</c>: WebSockets, Server-Sent Events, long polling),
/// the raw WebSocket (<c>/ws</c>) and gRPC / gRPC-Web bypass the middleware entirely, so a frame or a message is
/// never held back in a compressor's buffer. Responses that already carry a <c>Content-Encoding</c> are left alone.
/// </summary>
public static class WebCompression
{
    private static readonly PathString[] StreamPaths = [new("/hubs"), new("/ws"), new("/chat.v1"), new("/grpc")];

    private static readonly string[] ExtraMimeTypes =
        ["application/problem+json", "image/svg+xml", "application/manifest+json", "text/plain; version=0.0.4"];

    public static IServiceCollection AddChatWebCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Off on HTTPS endpoints (the default, against BREACH-style attacks on token-bearing responses);
            // behind a TLS-terminating proxy or ingress the gateway sees plain HTTP and compresses.
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, .. ExtraMimeTypes];
        });
        // Fastest: dynamic responses are small and per request; the static bundle is compressed at build time at
        // the highest level instead.
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>Adds the middleware for every request except the streaming transports.</summary>
    public static IApplicationBuilder UseChatWebCompression(this IApplicationBuilder app) =>
        app.UseWhen(context => !IsStream(context), branch => branch.UseResponseCompression());

    private static bool IsStream(HttpContext context) =>
        context.WebSockets.IsWebSocketRequest
        || context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true
        || StreamPaths.Any(path => context.Request.Path.StartsWithSegments(path));
}
