using Chat.Rooms;

namespace Chat.Gateway.Fanout;

/// <summary>A local consumer of one room's live events on this gateway.</summary>
public interface IRoomEventSink
{
    /// <summary>
    /// Hands an event to the consumer without blocking the room's fan-out. Returns false when the consumer's
    /// bounded buffer is full: the feed then drops the sink, which must end itself (and resume by seq).
    /// </summary>
    bool TryWrite(RoomEvent roomEvent);

    /// <summary>
    /// The room's stream subscription was lost and has been made again: events may have been missed in between
    /// (a consumer that tracks seq fills the gap from history).
    /// </summary>
    void OnResubscribed()
    {
    }
}

/// <summary>
/// This gateway's room subscriptions: one Orleans stream subscription per room with local consumers,
/// shared by all of them (one delivery per gateway, not per connection).
/// </summary>
public interface IRoomFeeds
{
    /// <summary>Adds a consumer; the room's stream is subscribed on the first one and released after the last is disposed.</summary>
    Task<IAsyncDisposable> SubscribeAsync(string roomId, IRoomEventSink sink, CancellationToken cancellationToken = default);
}
