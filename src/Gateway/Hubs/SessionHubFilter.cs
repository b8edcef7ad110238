using System.Security.Claims;
using Chat.Gateway.Auth;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Chat.Gateway.Hubs;

/// <summary>
/// Ties each hub connection to its sign-in session: when the session ends (logout, revoke, password change, a
/// reused refresh token) the connection is closed with a close message whose error says why and forbids the
/// client's automatic reconnect, since the same token would be refused.
/// </summary>
public sealed class SessionHubFilter(LiveSessions sessions) : IHubFilter
{
    public const string SessionEndedPrefix = "unauthorized: session ended";

    private const string RegistrationKey = "chat.session-registration";

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var hub = context.Context;
        var connection = ChatHubLifetimeManager.ConnectionOf(hub);
        hub.Items[RegistrationKey] = sessions.Track(hub.User?.FindFirstValue(ChatClaims.SessionId), reason => _ = CloseAsync(connection, reason));
        await next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items.Remove(RegistrationKey, out var registration))
        {
            (registration as IDisposable)?.Dispose();
        }
        return next(context, exception);
    }

    private static async Task CloseAsync(HubConnectionContext connection, string reason)
    {
        try
        {
            await connection.WriteAsync(new CloseMessage($"{SessionEndedPrefix} ({reason})", allowReconnect: false));
        }
        catch (Exception)
        {
            // The connection is going anyway; the abort below ends it whether or not the client heard why.
        }
        connection.Abort();
    }
}
