namespace Chat.Gateway.Fanout;

/// <summary>
/// A table of this gateway's subscriptions to one kind of stream: at most one Orleans stream subscription per key,
/// made when the key's first local consumer arrives and released after its last one leaves. An event costs the
/// cluster one delivery per gateway that has consumers of its key, however many connections those gateways hold.
/// </summary>
/// <remarks>A kind (<see cref="IFeedKind{TEvent}"/>) names the streams and supplies the metrics and log lines.</remarks>
internal sealed class StreamFeeds<TEvent>(IFeedKind<TEvent> kind)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StreamFeed<TEvent>> _feeds = [];

    /// <summary>Keys with a live subscription on this gateway.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _feeds.Count;
            }
        }
    }

    /// <summary>Adds a consumer of <paramref name="key"/>'s events; completes once the subscription exists.</summary>
    public async Task<IAsyncDisposable> SubscribeAsync(string key, IFeedSink<TEvent> sink, CancellationToken cancellationToken)
    {
        StreamFeed<TEvent>? feed;
        lock (_gate)
        {
            if (!_feeds.TryGetValue(key, out feed))
            {
                feed = new StreamFeed<TEvent>(key, kind.StreamOf(key), this, kind);
                _feeds.Add(key, feed);
                feed.Start();
            }
            feed.Add(sink);
        }

        try
        {
            await feed.Ready.WaitAsync(cancellationToken);
        }
        catch
        {
            await RemoveAsync(feed, sink);
            throw;
        }
        return new Subscription(this, feed, sink);
    }

    /// <summary>Checks every subscription still exists in the cluster and makes again the ones that were lost.</summary>
    public async Task VerifyAllAsync(CancellationToken cancellationToken)
    {
        StreamFeed<TEvent>[] feeds;
        lock (_gate)
        {
            feeds = [.. _feeds.Values];
        }
        foreach (var feed in feeds.Where(feed => feed.Ready.IsCompletedSuccessfully))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await feed.VerifyAsync();
            }
            catch (Exception exception)
            {
                kind.VerifyFailed(feed.Key, exception.Message);
            }
        }
    }

    internal async ValueTask RemoveAsync(StreamFeed<TEvent> feed, IFeedSink<TEvent> sink)
    {
        bool close;
        lock (_gate)
        {
            close = feed.Remove(sink) && feed.IsEmpty && Forget(feed);
        }
        if (close)
        {
            await feed.CloseAsync();
        }
    }

    /// <summary>Removes the feed from the table if it is still the key's current one (a new one may have replaced it).</summary>
    internal bool Forget(StreamFeed<TEvent> feed)
    {
        lock (_gate)
        {
            return _feeds.TryGetValue(feed.Key, out var current) && current == feed && _feeds.Remove(feed.Key);
        }
    }

    private sealed class Subscription(StreamFeeds<TEvent> feeds, StreamFeed<TEvent> feed, IFeedSink<TEvent> sink) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _disposed, 1) == 0 ? feeds.RemoveAsync(feed, sink) : ValueTask.CompletedTask;
    }
}
