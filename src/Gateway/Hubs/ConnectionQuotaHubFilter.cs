using System.Security.Claims;
using Chat.Errors;
using Chat.Gateway.Auth;
using Chat.Gateway.Quotas;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Gateway.Hubs;

/// <summary>
/// Holds each hub connection's slot of its user's live-connection quota (<see cref="QuotaOptions.ConnectionsPerUser"/>):
/// one more is refused at connect, the client seeing a close error that starts with <c>rate_limited:</c>.
/// </summary>
public sealed class ConnectionQuotaHubFilter(UserConnectionCounts counts) : IHubFilter
{
    private const string SlotKey = "chat.connection-quota-slot";

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var hub = context.Context;
        if (hub.User?.FindFirstValue(ChatClaims.UserId) is { } userId)
        {
            try
            {
                hub.Items[SlotKey] = counts.Acquire(userId, ConnectionKind.Live);
            }
            catch (ChatException exception)
            {
                throw new HubException($"rate_limited: {exception.Message}");
            }
        }
        await next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items.Remove(SlotKey, out var slot))
        {
            (slot as IDisposable)?.Dispose();
        }
        return next(context, exception);
    }
}
