using Chat.Rooms;

namespace Chat.Gateway.Fanout;

/// <summary>
/// A local consumer of one room's live events on this gateway. <see cref="IFeedSink{TEvent}.OnResubscribed"/> tells
/// it the room's subscription was lost and made again (events may have been missed: it fills the gap by seq).
/// </summary>
public interface IRoomEventSink : IFeedSink<RoomEvent>
{
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
