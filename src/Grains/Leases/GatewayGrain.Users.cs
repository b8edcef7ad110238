using Chat.Leases;
using Chat.Presence;
using Microsoft.Extensions.Logging;

namespace Chat.Grains.Leases;

// The users side of a gateway's lease: the presence grains that count this gateway, dropped with it as its rooms are.
public sealed partial class GatewayGrain : IGatewayUsers
{
    private readonly HashSet<string> _users = [];

    public Task TrackUsers(string[] userIds)
    {
        _users.UnionWith(userIds);
        return Task.CompletedTask;
    }

    public Task UntrackUser(string userId)
    {
        _users.Remove(userId);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Tells each user's presence grain that this gateway is gone. The set is emptied first, so a user tracked again
    /// meanwhile (the gateway was only slow and re-announced) stays tracked; users that could not be reached are put
    /// back and tried again on the next check.
    /// </summary>
    private async Task DropFromUsersAsync()
    {
        if (_users.Count == 0)
        {
            return;
        }
        var users = _users.ToArray();
        _users.Clear();
        var failed = await Task.WhenAll(users.Select(async userId =>
        {
            try
            {
                await GrainFactory.GetGrain<IUserPresenceGrain>(userId).DropGateway(GatewayId);
                return null;
            }
            catch (Exception ex)
            {
                LogUserDropFailed(logger, ex, GatewayId, userId);
                return userId;
            }
        }));
        _users.UnionWith(failed.OfType<string>());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway {GatewayId}: dropping it from the presence of user {UserId} failed; will retry")]
    private static partial void LogUserDropFailed(ILogger logger, Exception exception, string gatewayId, string userId);
}
