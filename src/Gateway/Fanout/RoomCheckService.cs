using Microsoft.Extensions.Options;

namespace Chat.Gateway.Fanout;

/// <summary>
/// Every <see cref="FanoutOptions.CheckInterval"/>: re-subscribes room streams the cluster lost, and re-sends this
/// gateway's connections to rooms whose epoch changed (their presence was rebuilt after a silo failure).
/// </summary>
public sealed partial class RoomCheckService(
    RoomFeeds feeds,
    LiveRooms rooms,
    IOptions<FanoutOptions> options,
    TimeProvider time,
    ILogger<RoomCheckService> logger) : FeedCheckService(options, time)
{
    protected override async Task CheckAsync(CancellationToken cancellationToken)
    {
        await feeds.VerifyAllAsync(cancellationToken);
        await rooms.CheckRoomsAsync(cancellationToken);
    }

    protected override void PassFailed(string reason) => LogPassFailed(logger, reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A check of this gateway's rooms failed; the next one runs as planned: {Reason}")]
    private static partial void LogPassFailed(ILogger logger, string reason);
}
