namespace Chat.Gateway.Fanout;

/// <summary>A local consumer of one stream's live events on this gateway (a room's or a user's).</summary>
/// <typeparam name="TEvent">The stream's event type.</typeparam>
public interface IFeedSink<in TEvent>
{
    /// <summary>
    /// Hands an event to the consumer without blocking the fan-out. Returns false when the consumer cannot take it
    /// (its bounded buffer is full): the feed then drops the sink, which must end itself (and resume by seq).
    /// </summary>
    bool TryWrite(TEvent item);

    /// <summary>
    /// The stream subscription was lost and has been made again: events may have been missed in between
    /// (a consumer that tracks seq fills the gap from history).
    /// </summary>
    void OnResubscribed()
    {
    }
}
