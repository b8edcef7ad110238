using Chat.ServiceDefaults;
using Chat.Silo.Health;
using Chat.Silo.Hosting;
using Chat.Silo.Observability;
using Orleans.Dashboard;

namespace Chat.Silo;

/// <summary>
/// The silo's composition root, shared by <c>Program</c> and by tests that host a real silo in-process.
/// Configuration (appsettings, environment with <c>__</c>, command line, then <paramref name="configure"/>) is read
/// while composing, so overrides must be given here, not after.
/// </summary>
public static class SiloApp
{
    private const string DefaultHttpUrl = "http://127.0.0.1:8080";

    public static WebApplicationBuilder CreateBuilder(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        if (string.IsNullOrEmpty(builder.Configuration["Kestrel:Endpoints:Http:Url"]))
        {
            builder.Configuration["Kestrel:Endpoints:Http:Url"] = DefaultHttpUrl;
        }
        builder.AddChatSilo();
        builder.AddChatSiloHealth();
        builder.AddSiloObservability();
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.MapChatSiloHealth();
        app.MapChatObservability();
        var dashboard = ChatDashboardOptions.Read(app.Configuration);
        if (dashboard.Enabled)
        {
            app.UseDashboardAccess(dashboard);
            app.MapOrleansDashboard(routePrefix: DashboardAccess.RoutePrefix);
        }
        return app;
    }
}
