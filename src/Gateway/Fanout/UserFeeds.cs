using Chat.Conversations;
using Chat.Rooms;

namespace Chat.Gateway.Fanout;

/// <summary>
/// This gateway's user-event subscriptions: at most one Orleans stream subscription per user with local consumers,
/// made when the user's first connection (or gRPC stream) arrives here and released after the last one goes. A user
/// event costs the cluster one delivery per gateway that holds a connection of that user.
/// </summary>
public sealed partial class UserFeeds(IClusterClient cluster, ILogger<UserFeeds> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, UserFeed> _feeds = [];

    /// <summary>Users with a live subscription on this gateway.</summary>
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

    /// <summary>Adds a consumer of <paramref name="userId"/>'s events; completes once the subscription exists.</summary>
    public async Task<IAsyncDisposable> SubscribeAsync(string userId, IUserEventSink sink, CancellationToken cancellationToken = default)
    {
        UserFeed? feed;
        lock (_gate)
        {
            if (!_feeds.TryGetValue(userId, out feed))
            {
                var stream = cluster.GetStreamProvider(ChatStreams.ProviderName).GetStream<UserEvent>(StreamId.Create(UserStreams.Namespace, userId));
                feed = new UserFeed(userId, stream, this, logger);
                _feeds.Add(userId, feed);
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
        UserFeed[] feeds;
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
                LogVerifyFailed(logger, feed.UserId, exception.Message);
            }
        }
    }

    internal async ValueTask RemoveAsync(UserFeed feed, IUserEventSink sink)
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

    /// <summary>Removes the feed from the table if it is still the user's current one.</summary>
    internal bool Forget(UserFeed feed)
    {
        lock (_gate)
        {
            return _feeds.TryGetValue(feed.UserId, out var current) && current == feed && _feeds.Remove(feed.UserId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the subscription to user {UserId}'s events: {Reason}")]
    private static partial void LogVerifyFailed(ILogger logger, string userId, string reason);

    private sealed class Subscription(UserFeeds feeds, UserFeed feed, IUserEventSink sink) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _disposed, 1) == 0 ? feeds.RemoveAsync(feed, sink) : ValueTask.CompletedTask;
    }
}
