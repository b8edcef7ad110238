namespace Chat.Gateway.Hosting;

/// <summary>
/// The browser app, when its build is in the web root (<c>wwwroot/index.html</c>): static files, and its
/// <c>index.html</c> for any other GET outside the API paths (client-side routes), so API mistakes still get 404.
/// </summary>
public static class WebUi
{
    private static readonly PathString[] ApiPaths = [new("/users"), new("/chat"), new("/hubs"), new("/ws"), new("/health"), new("/chat.v1"), new("/grpc")];

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

    public static WebApplication UseChatWebUi(this WebApplication app)
    {
        var index = app.Environment.WebRootFileProvider.GetFileInfo("index.html");
        if (!index.Exists)
        {
            return app;
        }
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapFallback(context =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) || ApiPaths.Any(path => context.Request.Path.StartsWithSegments(path)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.SendFileAsync(index);
        });
        return app;
    }
}
