using Chat.Errors;
using Chat.Gateway.Application;
using Chat.Gateway.Auth;
using Chat.Gateway.Fanout;
using Chat.Gateway.Observability;
using Chat.Gateway.Quotas;
using Chat.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.WebSockets;

/// <summary><c>/ws</c>: the raw WebSocket protocol. An upgrade without a valid token is refused with 401.</summary>
public static partial class WebSocketEndpoint
{
    public const string Path = "/ws";

    public static IServiceCollection AddChatWebSockets(this IServiceCollection services)
    {
        services.AddValidatedOptions<RawWebSocketOptions>(RawWebSocketOptions.SectionName);
        services.AddSingleton<WebSocketTransport>();
        services.AddSingleton<ILiveTransport>(provider => provider.GetRequiredService<WebSocketTransport>());
        services.AddSingleton<IUserEventTransport, WebSocketUserEvents>();
        services.AddSingleton<ConversationFrames>();
        services.AddSingleton<FrameHandler>();
        return services;
    }

    public static IApplicationBuilder UseChatWebSockets(this IApplicationBuilder app)
    {
        // No WebSocket-level keep-alive by default: SignalR's sockets carry SignalR's own pings, and each socket's
        // ping timer cost the idle gateway ~15 % of its CPU at 15,000 connections (bench/README.md). /ws asks for its
        // own at accept.
        return app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
    }

    public static IEndpointConventionBuilder MapChatWebSocket(this IEndpointRouteBuilder endpoints) =>
        endpoints.Map(Path, AcceptAsync).RequireAuthorization();

    private static async Task AcceptAsync(
        HttpContext context,
        FrameHandler handler,
        IChatApplication chat,
        WebSocketTransport transport,
        IOptions<RawWebSocketOptions> options,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggers,
        TimeProvider time,
        LiveSessions sessions,
        UserConnectionCounts counts)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            context.Response.Headers.Upgrade = "websocket";
            return;
        }

        var caller = context.User.ToCaller(ChatTransport.WebSocket, $"ws-{context.TraceIdentifier}-{Guid.NewGuid():N}");
        // Before the upgrade, so that a refusal is a plain 429 with Retry-After.
        using var slot = counts.Acquire(caller.UserId, ConnectionKind.Live);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = options.Value.KeepAliveInterval,
            KeepAliveTimeout = options.Value.KeepAliveInterval * 2,
        });
        var connection = new WebSocketConnection(caller.ConnectionId!, caller.UserId, caller.Username, transport, options.Value.SendQueueCapacity);

        // The session's end closes the socket: an error frame saying why, then close code 1008.
        using var tracked = sessions.Track(caller.SessionId, reason =>
        {
            connection.TryPush(FrameHandler.Error(null, null, ChatErrorCode.Unauthorized, $"Session ended: {reason}."));
            connection.Close(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, "session ended");
        });
        using var expiry = new CancellationTokenSource(TokenExpiry.TimeLeft(context.User, time), time);
        var session = new WebSocketSession(socket, caller, connection, handler, chat, options.Value, loggers.CreateLogger<WebSocketSession>());
        await session.RunAsync(lifetime.ApplicationStopping, expiry.Token);
    }
}
