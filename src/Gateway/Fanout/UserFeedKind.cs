using Chat.Conversations;
using Chat.Rooms;
using Orleans.Streams;

namespace Chat.Gateway.Fanout;

/// <summary>User feeds: each user's event stream and the log lines (no metrics of their own).</summary>
internal sealed partial class UserFeedKind(IClusterClient cluster, ILogger logger) : IFeedKind<UserEvent>
{
    public IAsyncStream<UserEvent> StreamOf(string key) =>
        cluster.GetStreamProvider(ChatStreams.ProviderName).GetStream<UserEvent>(StreamId.Create(UserStreams.Namespace, key));

    public void Delivering(string key, UserEvent item, int sinkCount)
    {
    }

    public void Subscribed(string key)
    {
    }

    public void Unsubscribed(string key)
    {
    }

    public void SinkFailed(string key, Exception exception) => LogSinkFailed(logger, exception, key);

    public void StreamError(string key, Exception exception) => LogStreamError(logger, exception, key);

    public void Resubscribing(string key) => LogResubscribing(logger, key);

    public void UnsubscribeFailed(string key, string reason) => LogUnsubscribeFailed(logger, key, reason);

    public void VerifyFailed(string key, string reason) => LogVerifyFailed(logger, key, reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A live consumer of user {UserId}'s events failed; it is dropped")]
    private static partial void LogSinkFailed(ILogger logger, Exception exception, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The event stream of user {UserId} reported an error; checking the subscription")]
    private static partial void LogStreamError(ILogger logger, Exception exception, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The subscription to user {UserId}'s events was lost; subscribing again")]
    private static partial void LogResubscribing(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not unsubscribe from user {UserId}'s events: {Reason}")]
    private static partial void LogUnsubscribeFailed(ILogger logger, string userId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the subscription to user {UserId}'s events: {Reason}")]
    private static partial void LogVerifyFailed(ILogger logger, string userId, string reason);
}
