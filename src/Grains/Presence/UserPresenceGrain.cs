using Chat.Grains.Storage;
using Chat.Leases;
using Chat.Presence;
using Microsoft.Extensions.Logging;

namespace Chat.Grains.Presence;

/// <summary>
/// A user's global presence: the gateways that hold a live connection of the user (in memory) and when the user was
/// last seen (stored once per going offline). Not reentrant: reports of one user apply one at a time, so "register
/// with the gateway's lease, then count the gateway" holds at every await.
/// </summary>
/// <remarks>
/// Guarantee: a gateway counted here is tracked by that gateway's lease (it is tracked first), so when the lease
/// lapses the gateway is dropped here too — a crashed gateway leaves no ghost beyond the lease bound. Not covered: if
/// this grain's silo dies, the new activation knows no gateway and the user reads offline until one of their gateways
/// reports again (their next connection, or its lease resync).
/// </remarks>
public sealed partial class UserPresenceGrain(
    [PersistentState("presence", ChatStorage.GrainState)] IPersistentState<UserPresenceState> state,
    TimeProvider time,
    ILogger<UserPresenceGrain> logger) : Grain, IUserPresenceGrain
{
    private readonly HashSet<string> _gateways = [];

    private string UserId => this.GetPrimaryKeyString();

    public async Task Report(string gatewayId, bool online)
    {
        if (online)
        {
            // Tracked again even when already counted: after a lease lapse the gateway's lease may have forgotten us.
            await GrainFactory.GetGrain<IGatewayUsers>(gatewayId).TrackUsers([UserId]);
            _gateways.Add(gatewayId);
            return;
        }
        if (!_gateways.Contains(gatewayId))
        {
            return;
        }
        await RemoveAsync(gatewayId);
        try
        {
            await GrainFactory.GetGrain<IGatewayUsers>(gatewayId).UntrackUser(UserId);
        }
        catch (Exception exception)
        {
            // Harmless: a stale entry only makes the lapse of that lease drop a gateway this grain no longer counts.
            LogUntrackFailed(logger, exception, UserId, gatewayId);
        }
    }

    public Task DropGateway(string gatewayId) =>
        _gateways.Contains(gatewayId) ? RemoveAsync(gatewayId) : Task.CompletedTask;

    public Task<UserPresence> GetPresence() =>
        Task.FromResult(new UserPresence(_gateways.Count > 0, state.State.LastSeenAt));

    private async Task RemoveAsync(string gatewayId)
    {
        _gateways.Remove(gatewayId);
        if (_gateways.Count > 0)
        {
            return;
        }
        state.State.LastSeenAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception exception)
        {
            // Going offline must not fail for the store: the time stays in memory and is written with the next change.
            LogLastSeenNotStored(logger, exception, UserId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId}: could not untrack gateway {GatewayId}")]
    private static partial void LogUntrackFailed(ILogger logger, Exception exception, string userId, string gatewayId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId}: last-seen time could not be stored")]
    private static partial void LogLastSeenNotStored(ILogger logger, Exception exception, string userId);
}
