using Microsoft.Extensions.Options;

namespace Chat.Gateway.Fanout;

/// <summary>
/// Every <see cref="FanoutOptions.CheckInterval"/> (the rooms' interval): re-subscribes user-event streams the
/// cluster lost. A failed pass is logged and the next one runs.
/// </summary>
public sealed partial class UserFeedCheckService(
    UserFeeds feeds,
    IOptions<FanoutOptions> options,
    TimeProvider time,
    ILogger<UserFeedCheckService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await feeds.VerifyAllAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, exception.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A check of this gateway's user-event subscriptions failed; the next one runs as planned: {Reason}")]
    private static partial void LogPassFailed(ILogger logger, string reason);
}
