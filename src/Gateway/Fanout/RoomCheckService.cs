using Microsoft.Extensions.Options;

namespace Chat.Gateway.Fanout;

/// <summary>
/// Every <see cref="FanoutOptions.CheckInterval"/>: re-subscribes room streams the cluster lost, and re-sends this
/// gateway's connections to rooms whose epoch changed (their presence was rebuilt after a silo failure).
/// </summary>
public sealed class RoomCheckService(RoomFeeds feeds, LiveRooms rooms, IOptions<FanoutOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await feeds.VerifyAllAsync(stoppingToken);
            await rooms.CheckRoomsAsync(stoppingToken);
        }
    }
}
