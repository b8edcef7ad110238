using System.Security.Claims;
using Chat.Gateway.Auth;
using Chat.Gateway.Quotas;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Gateway.Hubs;

/// <summary>
/// Spends the read or join quota of a hub invocation (<see cref="MeteredOperations.HubMethods"/>) before the method
/// runs; a refusal reaches the caller through <see cref="HubErrorFilter"/> (registered before this one) as
/// <c>rate_limited: …</c>.
/// </summary>
public sealed class RateQuotaHubFilter(UserRateQuotas quotas) : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (MeteredOperations.HubMethods.TryGetValue(invocationContext.HubMethodName, out var quota)
            && invocationContext.Context.User?.FindFirstValue(ChatClaims.UserId) is { } userId)
        {
            quotas.Spend(userId, quota);
        }
        return next(invocationContext);
    }
}
