namespace Chat.Gateway.Hosting;

/// <summary>
/// The browser app, when its build is in the web root (<c>wwwroot/index.html</c>): static files, and its
/// <c>index.html</c> for any other GET or HEAD outside the API paths (client-side routes), so API mistakes still get
/// 404. Caching: the hashed files under <c>/assets</c> never change under their name, so browsers keep them for a
/// year without asking again; everything else (<c>index.html</c>, the service worker, the manifest, icons) is
/// revalidated on every use (<c>no-cache</c> with ETag / Last-Modified), so a new build is picked up at once.
/// </summary>
public static class WebUi
{
    private static readonly PathString[] ApiPaths = [new("/users"), new("/chat"), new("/hubs"), new("/ws"), new("/health"), new("/chat.v1"), new("/grpc"), new("/openapi"), new("/scalar"), new("/metrics")];

    private const string Immutable = "public, max-age=31536000, immutable";
    private const string Revalidate = "no-cache";

    /// <summary>
    /// Where the built app is when no web root is configured (<c>ASPNETCORE_WEBROOT</c>): beside the content root
    /// (the default), beside the assembly (a published image), or in the project folder the assembly was built from
    /// (<c>dotnet src/Gateway/bin/Release/net10.0/Gateway.dll</c> run from a checkout). Null lets ASP.NET Core decide.
    /// </summary>
    public static string? LocateWebRoot()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_WEBROOT")))
        {
            return null;
        }
        string[] candidates =
        [
            Path.Combine(Directory.GetCurrentDirectory(), "wwwroot"),
            Path.Combine(AppContext.BaseDirectory, "wwwroot"),
            Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "wwwroot")),
        ];
        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "index.html")));
    }

    public static IServiceCollection AddChatWebUi(this IServiceCollection services) => services.AddChatWebCompression();

    /// <summary>
    /// Compression for every non-streaming response (REST JSON included), then the app's files. Call after the
    /// endpoints are mapped: the middleware still runs before any endpoint executes.
    /// </summary>
    public static WebApplication UseChatWebUi(this WebApplication app)
    {
        app.UseChatWebCompression();
        var index = app.Environment.WebRootFileProvider.GetFileInfo("index.html");
        if (!index.Exists)
        {
            return app;
        }
        app.UseDefaultFiles();
        app.UseMiddleware<PrecompressedAssets>();
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = PrecompressedAssets.ContentTypes(),
            OnPrepareResponse = file =>
            {
                PrecompressedAssets.LabelEncoding(file);
                file.Context.Response.Headers.CacheControl =
                    file.Context.Request.Path.StartsWithSegments(PrecompressedAssets.AssetsPath) ? Immutable : Revalidate;
            },
        });
        app.MapFallback(context => ServeIndexAsync(context, index));
        return app;
    }

    /// <summary>The app's page for client-side routes; HEAD gets the same status and headers, without the body.</summary>
    private static Task ServeIndexAsync(HttpContext context, Microsoft.Extensions.FileProviders.IFileInfo index)
    {
        var method = context.Request.Method;
        if (!(HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) || ApiPaths.Any(path => context.Request.Path.StartsWithSegments(path)))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = Revalidate;
        context.Response.Headers.LastModified = index.LastModified.ToString("R");
        if (HttpMethods.IsHead(method))
        {
            context.Response.ContentLength = index.Length;
            return Task.CompletedTask;
        }
        return context.Response.SendFileAsync(index);
    }
}
