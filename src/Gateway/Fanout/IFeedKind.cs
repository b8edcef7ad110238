using Orleans.Streams;

namespace Chat.Gateway.Fanout;

/// <summary>
/// What differs between kinds of <see cref="StreamFeeds{TEvent}"/> (rooms, users): the stream a key names, and the
/// metrics and log lines of each step. Everything else (one subscription per key, its repair) is shared.
/// </summary>
internal interface IFeedKind<TEvent>
{
    IAsyncStream<TEvent> StreamOf(string key);

    /// <summary>An event arrived for <paramref name="sinkCount"/> local consumers (called before they get it).</summary>
    void Delivering(string key, TEvent item, int sinkCount);

    void Subscribed(string key);

    void Unsubscribed(string key);

    void SinkFailed(string key, Exception exception);

    void StreamError(string key, Exception exception);

    void Resubscribing(string key);

    void UnsubscribeFailed(string key, string reason);

    void VerifyFailed(string key, string reason);
}
