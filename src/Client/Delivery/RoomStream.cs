using Chat.Contracts;
using Microsoft.Extensions.Logging;

namespace Chat.Client.Delivery;

/// <summary>Reads one page of a room's history: the oldest <c>limit</c> messages with seq &gt; <c>afterSeq</c>, ascending.</summary>
internal delegate Task<IReadOnlyList<MessageDto>> HistoryReader(string roomId, long afterSeq, int limit, CancellationToken cancellationToken);

/// <summary>
/// One joined room's delivery: hands the application every message in seq order, exactly once, whichever way it
/// arrived (pushed live, the result of an own send, or fetched from history). The rules are
/// <see cref="OrderedFeed{T}"/>'s; a gap seen in live traffic first waits <see cref="ChatClientOptions.GapFillDelay"/>
/// (the missing message is usually on its way) before it is read from history.
/// </summary>
internal sealed class RoomStream : IAsyncDisposable
{
    private readonly OrderedFeed<DeliveredMessage> _feed;

    /// <param name="resumeAfter">The last seq the application already has; null starts at the room's lastSeq at the first join.</param>
    public RoomStream(string roomId, long? resumeAfter, HistoryReader history, Action<DeliveredMessage> deliver, ChatClientOptions options)
    {
        var kind = new OrderedFeedKind<DeliveredMessage>(roomId, "history", delivered => delivered.Message.Seq, options.GapFillDelay);
        _feed = new OrderedFeed<DeliveredMessage>(kind, resumeAfter, ReadPage, deliver, options, options.LoggerFactory.CreateLogger<RoomStream>());

        async Task<FeedPage<DeliveredMessage>> ReadPage(long afterSeq, int limit, CancellationToken cancellationToken)
        {
            var messages = await history(roomId, afterSeq, limit, cancellationToken);
            return new FeedPage<DeliveredMessage>([.. messages.Select(message => new DeliveredMessage(message, DeliverySource.History))], Known: 0);
        }
    }

    /// <summary>The seq of the last message delivered (the starting point before the first; null until the first join answered).</summary>
    public long? LastDelivered => _feed.LastDelivered;

    public void Offer(MessageDto message, DeliverySource source) => _feed.Offer(new DeliveredMessage(message, source));

    /// <summary>A (re)join answered: the room has messages up to <paramref name="lastSeq"/>; fetch what is missing now.</summary>
    public void Joined(long lastSeq) => _feed.Joined(lastSeq);

    /// <summary>Reads history after the last delivered message until it is exhausted; completes when those are delivered.</summary>
    public Task CatchUpAsync(CancellationToken cancellationToken) => _feed.CatchUpAsync(cancellationToken);

    public ValueTask DisposeAsync() => _feed.DisposeAsync();
}
