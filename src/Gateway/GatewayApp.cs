using Chat.Gateway.Api;
using Chat.Gateway.Auth;
using Chat.Gateway.Grpc;
using Chat.Gateway.Hosting;
using Chat.Gateway.Hubs;
using Chat.Gateway.WebSockets;

namespace Chat.Gateway;

/// <summary>
/// The gateway's composition root: stateless ASP.NET Core host, Orleans client, one application layer and its
/// transports. Tests host exactly this (<see cref="CreateBuilder"/>, then configuration overrides, then
/// <see cref="Configure"/>); <c>Program.cs</c> does the same and runs it.
/// </summary>
public static class GatewayApp
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(GatewayApp).Assembly.GetName().Name,
        });

        builder.AddChatEndpointDefaults();
        builder.AddChatClusterClient();
        builder.Services.AddChatGateway();
        builder.Services.AddChatAuthentication();
        builder.Services.AddChatApi();
        builder.Services.AddChatHub();
        builder.Services.AddChatWebSockets();
        builder.Services.AddChatHealthChecks();
        builder.AddChatGrpc();
        return builder;
    }

    public static WebApplication Configure(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseChatWebSockets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapChatHealth();
        app.MapChatApi();
        app.MapChatHub();
        app.MapChatWebSocket();
        app.MapChatGrpc();
        app.UseChatWebUi();
        return app;
    }
}
