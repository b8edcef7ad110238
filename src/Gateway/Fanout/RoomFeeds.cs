using Chat.Gateway.Observability;
using Chat.Rooms;

namespace Chat.Gateway.Fanout;

/// <summary>
/// This gateway's room subscriptions: at most one Orleans stream subscription per room, made when the room's first
/// local consumer arrives and released after its last one leaves. A message to a room costs the cluster one
/// delivery per gateway that has consumers in it, however many connections those gateways hold.
/// </summary>
public sealed class RoomFeeds(IClusterClient cluster, GatewayMetrics metrics, TimeProvider time, ILogger<RoomFeeds> logger) : IRoomFeeds
{
    private readonly StreamFeeds<RoomEvent> _feeds = new(new RoomFeedKind(cluster, metrics, time, logger));

    /// <summary>Rooms with a live subscription on this gateway.</summary>
    public int Count => _feeds.Count;

    public Task<IAsyncDisposable> SubscribeAsync(string roomId, IRoomEventSink sink, CancellationToken cancellationToken = default) =>
        _feeds.SubscribeAsync(roomId, sink, cancellationToken);

    /// <summary>Checks every subscription still exists in the cluster and makes again the ones that were lost.</summary>
    public Task VerifyAllAsync(CancellationToken cancellationToken) => _feeds.VerifyAllAsync(cancellationToken);
}
