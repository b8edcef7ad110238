using System.Globalization;
using Chat.Contracts.Errors;
using Chat.ServiceDefaults;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Chat.Gateway.Hosting;

/// <summary>
/// Graceful refusal at descriptor or memory exhaustion. A WebSocket upgrade (<c>/ws</c>, SignalR's WebSocket
/// transport) is a live connection for as long as its request runs, so it is counted here; a SignalR negotiation
/// leads to one and is refused on the same terms. Refused: 503 ProblemDetails (<c>code: unavailable</c>) with
/// <c>Retry-After</c>. Kestrel's own connection cap sits above ours, half the reserve below the open-file limit, as a
/// backstop: the accept loop never meets "too many open files" (which would stop it accepting for good).
/// </summary>
public static class ConnectionAdmissionExtensions
{
    public static IServiceCollection AddChatConnectionAdmission(this IServiceCollection services)
    {
        services.AddValidatedOptions<AdmissionOptions>(AdmissionOptions.SectionName);
        services.AddSingleton<ConnectionAdmission>();
        services.AddOptions<KestrelServerOptions>().Configure<IConfiguration>((kestrel, configuration) =>
        {
            var reserve = configuration.ReadValidated<AdmissionOptions>(AdmissionOptions.SectionName).DescriptorReserve;
            if (OpenFileLimit.Read() is { } limit && limit - reserve / 2 > 0)
            {
                kestrel.Limits.MaxConcurrentConnections = limit - reserve / 2;
            }
        });
        return services;
    }

    /// <summary>After <c>UseWebSockets</c> (which marks upgrade requests) and before authentication (refusing costs nothing).</summary>
    public static IApplicationBuilder UseChatConnectionAdmission(this IApplicationBuilder app)
    {
        var admission = app.ApplicationServices.GetRequiredService<ConnectionAdmission>();
        return app.Use(async (context, next) =>
        {
            if (context.WebSockets.IsWebSocketRequest)
            {
                if (!admission.TryAdmit(out var reason))
                {
                    await RefuseAsync(context, admission, reason);
                    return;
                }
                try
                {
                    await next(context);
                }
                finally
                {
                    admission.Release();
                }
                return;
            }
            if (IsNegotiation(context.Request) && !admission.CanAdmit(out var negotiationRefusal))
            {
                await RefuseAsync(context, admission, negotiationRefusal);
                return;
            }
            await next(context);
        });
    }

    private static bool IsNegotiation(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Value?.EndsWith("/negotiate", StringComparison.Ordinal) == true;

    private static async Task RefuseAsync(HttpContext context, ConnectionAdmission admission, string reason)
    {
        context.Response.StatusCode = ErrorCatalog.Unavailable.HttpStatus;
        context.Response.Headers.RetryAfter = admission.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = context.Response.StatusCode, Detail = reason },
        });
    }
}
