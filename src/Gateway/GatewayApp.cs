using Chat.Gateway.Api;
using Chat.Gateway.Application.Sessions;
using Chat.Gateway.Auth;
using Chat.Gateway.Grpc;
using Chat.Gateway.Hosting;
using Chat.Gateway.Hubs;
using Chat.Gateway.Observability;
using Chat.Gateway.Quotas;
using Chat.Gateway.Security;
using Chat.Gateway.WebSockets;
using Chat.ServiceDefaults;

namespace Chat.Gateway;

/// <summary>
/// The gateway's composition root: stateless ASP.NET Core host, Orleans client, one application layer and its
/// transports. Tests host exactly this; <c>Program.cs</c> builds it, <see cref="Configure"/>s it and runs it.
/// </summary>
public static class GatewayApp
{
    /// <param name="args">Command-line configuration (<c>--Jwt:SigningKey=...</c>).</param>
    /// <param name="configure">
    /// Runs before composition, e.g. to add configuration overrides. The clustering mode (Redis or localhost) is
    /// decided from the configuration present then; every other setting is read when the host is built.
    /// </param>
    public static WebApplicationBuilder CreateBuilder(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(GatewayApp).Assembly.GetName().Name,
            WebRootPath = WebUi.LocateWebRoot(),
        });
        configure?.Invoke(builder);

        builder.AddChatDefaults();
        builder.AddGatewayObservability();
        builder.AddChatClusterClient();
        builder.Services.AddChatClusterFailover();
        builder.Services.AddChatGateway();
        builder.Services.AddChatWebSecurity();
        builder.Services.AddChatAuthentication();
        builder.Services.AddChatSessions();
        builder.Services.AddChatApi();
        builder.Services.AddChatOpenApi();
        builder.Services.AddChatHub();
        builder.Services.AddChatWebSockets();
        builder.Services.AddChatConnectionAdmission();
        builder.Services.AddChatHealthChecks();
        builder.Services.AddChatWebUi();
        builder.AddChatGrpc();
        return builder;
    }

    public static WebApplication Configure(WebApplication app)
    {
        app.UseChatWebSecurity();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseChatWebSockets();
        app.UseChatConnectionAdmission();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseChatQuotas();

        app.MapChatHealth();
        app.MapChatObservability();
        app.MapChatApi();
        app.MapChatOpenApi();
        app.MapChatHub();
        app.MapChatWebSocket();
        app.MapChatGrpc();
        app.UseChatWebUi();
        return app;
    }
}
