namespace Chat.Gateway.Security;

/// <summary>
/// <c>/metrics</c> is for the scraper, which calls each gateway directly: a request that came through a reverse
/// proxy (it carries <c>X-Forwarded-For</c> or <c>Forwarded</c>, which nginx and ingress-nginx always add) gets 404
/// for it, under any spelling the routing would accept (case, leading or trailing slashes). This holds even where the
/// proxy's own rule is missing or bypassed; the NetworkPolicy keeps direct access to the monitoring namespace.
/// </summary>
public static class ProxiedMetricsGuard
{
    public static bool IsProxiedMetricsRequest(HttpRequest request) =>
        IsMetricsPath(request.Path.Value)
        && (request.Headers.ContainsKey("X-Forwarded-For") || request.Headers.ContainsKey("Forwarded"));

    public static bool IsMetricsPath(string? path) =>
        path is not null && path.Trim('/').Equals("metrics", StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs before the forwarded headers are applied (which removes <c>X-Forwarded-For</c>).</summary>
    public static WebApplication UseProxiedMetricsGuard(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (IsProxiedMetricsRequest(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return next(context);
        });
        return app;
    }
}
