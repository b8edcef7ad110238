using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Chat.Gateway.Api;

/// <summary>
/// Kestrel answers a request line over its limit (8 KiB by default) with a bare 414 before the application sees it. A
/// search query travels in the URL (<c>GET /chat/search?q=</c>), so the line limit is raised until a query of 10,000
/// characters — even CJK, 9 bytes each once percent-encoded — reaches the input rules and gets their clear 400.
/// </summary>
public static class SearchLimits
{
    public const int MaxRequestLineBytes = 128 * 1024;

    public static IServiceCollection AddSearchLimits(this IServiceCollection services)
    {
        services.AddOptions<KestrelServerOptions>().Configure(kestrel =>
            kestrel.Limits.MaxRequestLineSize = Math.Max(kestrel.Limits.MaxRequestLineSize, MaxRequestLineBytes));
        return services;
    }
}
