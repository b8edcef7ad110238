using Chat.Conversations;

namespace Chat.Gateway.Fanout;

/// <summary>
/// This gateway's user-event subscriptions: at most one Orleans stream subscription per user with local consumers,
/// made when the user's first connection (or gRPC stream) arrives here and released after the last one goes. A user
/// event costs the cluster one delivery per gateway that holds a connection of that user. Lost subscriptions are
/// repaired like the rooms' (<see cref="RoomFeeds"/>).
/// </summary>
public sealed class UserFeeds(IClusterClient cluster, ILogger<UserFeeds> logger)
{
    private readonly StreamFeeds<UserEvent> _feeds = new(new UserFeedKind(cluster, logger));

    /// <summary>Users with a live subscription on this gateway.</summary>
    public int Count => _feeds.Count;

    /// <summary>Adds a consumer of <paramref name="userId"/>'s events; completes once the subscription exists.</summary>
    public Task<IAsyncDisposable> SubscribeAsync(string userId, IUserEventSink sink, CancellationToken cancellationToken = default) =>
        _feeds.SubscribeAsync(userId, sink, cancellationToken);

    /// <summary>Checks every subscription still exists in the cluster and makes again the ones that were lost.</summary>
    public Task VerifyAllAsync(CancellationToken cancellationToken) => _feeds.VerifyAllAsync(cancellationToken);
}
