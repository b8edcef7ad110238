using Chat.Gateway.Errors;
using Chat.Gateway.Observability;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Gateway.Hubs;

/// <summary>
/// The hub's one translator: every failure of an invocation reaches the client as a <see cref="HubException"/>
/// whose message is <c>"code: readable reason"</c> (the same codes as the raw WebSocket's error frames), so a client
/// can both show it and act on it. Unexpected failures are logged and never shown in detail.
/// </summary>
public sealed class HubErrorFilter(GatewayMetrics metrics, ILogger<HubErrorFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (HubException)
        {
            throw;
        }
        catch (Exception exception)
        {
            var error = ChatFaults.Classify(exception, logger);
            var code = error.Code.Describe().WireCode;
            metrics.RequestFailed(ChatTransport.SignalR, code);
            throw new HubException($"{code}: {error.Message}");
        }
    }
}
