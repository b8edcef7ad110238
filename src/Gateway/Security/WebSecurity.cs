using Chat.ServiceDefaults;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Security;

/// <summary>
/// The gateway's HTTP hardening, first in the pipeline: <c>/metrics</c> refused through a proxy
/// (<see cref="ProxiedMetricsGuard"/>), forwarded headers believed only from configured proxies
/// (<see cref="ProxyOptions"/>), then on every response <c>X-Content-Type-Options: nosniff</c>,
/// <c>X-Frame-Options: DENY</c>, <c>Referrer-Policy: no-referrer</c>, the <see cref="ContentSecurityPolicy"/> and,
/// when the request came over TLS (directly or per a trusted proxy), <c>Strict-Transport-Security</c>.
/// </summary>
public static class WebSecurity
{
    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    public static IServiceCollection AddChatWebSecurity(this IServiceCollection services)
    {
        services.AddChatProxyTrust();
        services.AddSingleton(provider => new ContentSecurityPolicy(provider.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider));
        return services;
    }

    /// <summary>Forwarded headers from the networks of <see cref="ProxyOptions"/> (and loopback) only.</summary>
    public static IServiceCollection AddChatProxyTrust(this IServiceCollection services)
    {
        services.AddValidatedOptions<ProxyOptions>(ProxyOptions.SectionName);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = proxy.Value.ForwardLimit;
            // The defaults (loopback) stay; configured networks are added, never "any".
            foreach (var network in proxy.Value.ParsedNetworks())
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    public static WebApplication UseChatWebSecurity(this WebApplication app)
    {
        app.UseProxiedMetricsGuard();
        app.UseForwardedHeaders();
        var policy = app.Services.GetRequiredService<ContentSecurityPolicy>().Value;
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = policy;
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = StrictTransportSecurity;
            }
            return next(context);
        });
        return app;
    }
}
