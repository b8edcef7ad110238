using Chat.Gateway.Observability;
using Chat.Rooms;

namespace Chat.Gateway.Fanout;

/// <summary>
/// This gateway's room subscriptions: at most one Orleans stream subscription per room, made when the room's first
/// local consumer arrives and released after its last one leaves. A message to a room costs the cluster one
/// delivery per gateway that has consumers in it, however many connections those gateways hold.
/// </summary>
public sealed partial class RoomFeeds(IClusterClient cluster, GatewayMetrics metrics, TimeProvider time, ILogger<RoomFeeds> logger) : IRoomFeeds
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RoomFeed> _feeds = [];

    public async Task<IAsyncDisposable> SubscribeAsync(string roomId, IRoomEventSink sink, CancellationToken cancellationToken = default)
    {
        RoomFeed? feed;
        lock (_gate)
        {
            if (!_feeds.TryGetValue(roomId, out feed))
            {
                var stream = cluster.GetStreamProvider(ChatStreams.ProviderName)
                    .GetStream<RoomEvent>(StreamId.Create(ChatStreams.RoomNamespace, roomId));
                feed = new RoomFeed(roomId, stream, this, metrics, time, logger);
                _feeds.Add(roomId, feed);
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

    /// <summary>Rooms with a live subscription on this gateway.</summary>
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

    /// <summary>Checks every subscription still exists in the cluster and makes again the ones that were lost.</summary>
    public async Task VerifyAllAsync(CancellationToken cancellationToken)
    {
        RoomFeed[] feeds;
        lock (_gate)
        {
            feeds = [.. _feeds.Values];
        }
        foreach (var feed in feeds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!feed.Ready.IsCompletedSuccessfully)
            {
                continue;
            }
            try
            {
                await feed.VerifyAsync();
            }
            catch (Exception exception)
            {
                LogVerifyFailed(logger, feed.RoomId, exception.Message);
            }
        }
    }

    internal async ValueTask RemoveAsync(RoomFeed feed, IRoomEventSink sink)
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

    /// <summary>Removes the feed from the table if it is still the room's current one (a new one may have replaced it).</summary>
    internal bool Forget(RoomFeed feed)
    {
        lock (_gate)
        {
            return _feeds.TryGetValue(feed.RoomId, out var current) && current == feed && _feeds.Remove(feed.RoomId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the subscription to room {RoomId}: {Reason}")]
    private static partial void LogVerifyFailed(ILogger logger, string roomId, string reason);

    private sealed class Subscription(RoomFeeds feeds, RoomFeed feed, IRoomEventSink sink) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _disposed, 1) == 0 ? feeds.RemoveAsync(feed, sink) : ValueTask.CompletedTask;
    }
}
