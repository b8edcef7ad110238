using Chat.Gateway.Observability;
using Chat.Rooms;
using Orleans.Streams;

namespace Chat.Gateway.Fanout;

/// <summary>Room feeds: each room's stream, the subscription gauge, delivery latency and the rooms' log lines.</summary>
internal sealed partial class RoomFeedKind(IClusterClient cluster, GatewayMetrics metrics, TimeProvider time, ILogger logger)
    : IFeedKind<RoomEvent>
{
    public IAsyncStream<RoomEvent> StreamOf(string key) =>
        cluster.GetStreamProvider(ChatStreams.ProviderName).GetStream<RoomEvent>(StreamId.Create(ChatStreams.RoomNamespace, key));

    public void Delivering(string key, RoomEvent item, int sinkCount)
    {
        LogEvent(logger, key, item.Kind, sinkCount);
        if (item is { Kind: RoomEventKind.NewMessage, Message: { } message })
        {
            metrics.RecordDeliveryLatency(time.GetUtcNow().ToUnixTimeMilliseconds() - message.CreatedAt);
        }
    }

    public void Subscribed(string key) => metrics.RoomSubscribed();

    public void Unsubscribed(string key) => metrics.RoomUnsubscribed();

    public void SinkFailed(string key, Exception exception) => LogSinkFailed(logger, exception, key);

    public void StreamError(string key, Exception exception) => LogStreamError(logger, exception, key);

    public void Resubscribing(string key) => LogResubscribing(logger, key);

    public void UnsubscribeFailed(string key, string reason) => LogUnsubscribeFailed(logger, key, reason);

    public void VerifyFailed(string key, string reason) => LogVerifyFailed(logger, key, reason);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Room {RoomId}: {Kind} for {SinkCount} local consumers")]
    private static partial void LogEvent(ILogger logger, string roomId, RoomEventKind kind, int sinkCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "A live consumer of room {RoomId} failed; it is dropped")]
    private static partial void LogSinkFailed(ILogger logger, Exception exception, string roomId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stream of room {RoomId} reported an error; checking the subscription")]
    private static partial void LogStreamError(ILogger logger, Exception exception, string roomId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The subscription to room {RoomId} was lost; subscribing again")]
    private static partial void LogResubscribing(ILogger logger, string roomId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not unsubscribe from room {RoomId}: {Reason}")]
    private static partial void LogUnsubscribeFailed(ILogger logger, string roomId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the subscription to room {RoomId}: {Reason}")]
    private static partial void LogVerifyFailed(ILogger logger, string roomId, string reason);
}
