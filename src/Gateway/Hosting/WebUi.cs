namespace Chat.Gateway.Hosting;

/// <summary>
/// The browser app, when its build is in the web root (<c>wwwroot/index.html</c>): static files, and its
/// <c>index.html</c> for any other GET outside the API paths (client-side routes), so API mistakes still get 404.
/// </summary>
public static class WebUi
{
    private static readonly PathString[] ApiPaths = [new("/users"), new("/chat"), new("/hubs"), new("/ws"), new("/health"), new("/chat.v1"), new("/grpc")];

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
