using Microsoft.Extensions.Options;

namespace Chat.Gateway.Fanout;

/// <summary>
/// Every <see cref="FanoutOptions.CheckInterval"/>: re-subscribes room streams the cluster lost, and re-sends this
/// gateway's connections to rooms whose epoch changed (their presence was rebuilt after a silo failure).
/// </summary>
/// <remarks>A failed pass is logged and the next one runs: only shutdown ends the checker.</remarks>
public sealed partial class RoomCheckService(
    RoomFeeds feeds,
    LiveRooms rooms,
    IOptions<FanoutOptions> options,
    TimeProvider time,
    ILogger<RoomCheckService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await feeds.VerifyAllAsync(stoppingToken);
                await rooms.CheckRoomsAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, exception.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A check of this gateway's rooms failed; the next one runs as planned: {Reason}")]
    private static partial void LogPassFailed(ILogger logger, string reason);
}
