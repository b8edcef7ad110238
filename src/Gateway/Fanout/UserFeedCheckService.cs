using Microsoft.Extensions.Options;

namespace Chat.Gateway.Fanout;

/// <summary>
/// Every <see cref="FanoutOptions.CheckInterval"/> (the rooms' interval): re-subscribes user-event streams the
/// cluster lost, and attaches connections whose subscription could not be made when they connected.
/// </summary>
public sealed partial class UserFeedCheckService(
    UserFeeds feeds,
    UserConnections connections,
    IOptions<FanoutOptions> options,
    TimeProvider time,
    ILogger<UserFeedCheckService> logger) : FeedCheckService(options, time)
{
    protected override async Task CheckAsync(CancellationToken cancellationToken)
    {
        await feeds.VerifyAllAsync(cancellationToken);
        await connections.RetryAsync(cancellationToken);
    }

    protected override void PassFailed(string reason) => LogPassFailed(logger, reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A check of this gateway's user-event subscriptions failed; the next one runs as planned: {Reason}")]
    private static partial void LogPassFailed(ILogger logger, string reason);
}
