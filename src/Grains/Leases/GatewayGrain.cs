using Chat.Grains.Observability;
using Chat.Leases;
using Chat.Rooms;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Grains.Leases;

/// <summary>
/// One gateway's lease (in memory: a gateway re-announces its rooms when <see cref="Renew"/> returns false).
/// When the lease lapses, the gateway is dropped from every room it announced, so its users go offline.
/// </summary>
public sealed partial class GatewayGrain(
    IOptions<GatewayLeaseOptions> options,
    TimeProvider time,
    ChatGrainMetrics metrics,
    ILogger<GatewayGrain> logger) : Grain, IGatewayGrain
{
    private readonly HashSet<string> _rooms = [];
    private DateTimeOffset _expiresAt;
    private bool _known;
    private IGrainTimer? _timer;

    private string GatewayId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _expiresAt = time.GetUtcNow() + options.Value.InitialGrace;
        _timer = this.RegisterGrainTimer(CheckLeaseAsync, new GrainTimerCreationOptions
        {
            DueTime = options.Value.CheckInterval,
            Period = options.Value.CheckInterval,
            Interleave = true,
            KeepAlive = true,
        });
        return Task.CompletedTask;
    }

    public Task<bool> Renew(TimeSpan leaseDuration)
    {
        _expiresAt = time.GetUtcNow() + leaseDuration;
        var wasKnown = _known;
        _known = true;
        return Task.FromResult(wasKnown);
    }

    public Task TrackRooms(string[] roomIds)
    {
        _rooms.UnionWith(roomIds);
        return Task.CompletedTask;
    }

    public Task UntrackRoom(string roomId)
    {
        _rooms.Remove(roomId);
        return Task.CompletedTask;
    }

    public async Task Release()
    {
        LogReleased(logger, GatewayId, _rooms.Count);
        await DropFromRoomsAsync();
        await DropFromUsersAsync();
        _known = false;
        DeactivateOnIdle();
    }

    private async Task CheckLeaseAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() < _expiresAt || (_rooms.Count == 0 && _users.Count == 0 && !_known))
        {
            return;
        }
        LogLapsed(logger, GatewayId, _rooms.Count);
        if (_known)
        {
            metrics.GatewayLeaseLapsed();
        }
        await DropFromRoomsAsync();
        await DropFromUsersAsync();
        // If the gateway was only slow, its next renewal returns false and it re-announces (and re-syncs) its rooms.
        _known = false;
        if (_rooms.Count == 0 && _users.Count == 0)
        {
            _timer?.Dispose();
            DeactivateOnIdle();
        }
    }

    /// <summary>Drops the gateway from each room; rooms that could not be reached stay tracked and are tried again on the next check.</summary>
    private async Task DropFromRoomsAsync()
    {
        var rooms = _rooms.ToArray();
        var results = await Task.WhenAll(rooms.Select(async roomId =>
        {
            try
            {
                await GrainFactory.GetGrain<IRoomGrain>(roomId).DropGateway(GatewayId);
                return (roomId, ok: true);
            }
            catch (Exception ex)
            {
                LogDropFailed(logger, ex, GatewayId, roomId);
                return (roomId, ok: false);
            }
        }));
        foreach (var (roomId, ok) in results)
        {
            if (ok)
            {
                _rooms.Remove(roomId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway {GatewayId}: lease lapsed, dropping it from {RoomCount} rooms")]
    private static partial void LogLapsed(ILogger logger, string gatewayId, int roomCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway {GatewayId} released its lease ({RoomCount} rooms)")]
    private static partial void LogReleased(ILogger logger, string gatewayId, int roomCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway {GatewayId}: dropping it from room {RoomId} failed; will retry")]
    private static partial void LogDropFailed(ILogger logger, Exception exception, string gatewayId, string roomId);
}
