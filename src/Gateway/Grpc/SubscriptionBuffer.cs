using System.Threading.Channels;
using Chat.Gateway.Application;
using Chat.Gateway.Fanout;
using Chat.Rooms;

namespace Chat.Gateway.Grpc;

/// <summary>What a room's feed handed to a subscription: an event, or (null) "live events may have been lost".</summary>
internal readonly record struct FeedItem(string RoomId, RoomEvent? Event);

/// <summary>
/// The bounded queue between this gateway's room feeds and one subscription. Writing never blocks a feed: when the
/// consumer lets the queue fill up, the buffer refuses that item and every later one (so the feeds drop it), marks
/// itself overflowed, and starts the grace period after which a still-pending write is abandoned.
/// </summary>
internal sealed class SubscriptionBuffer : IDisposable
{
    private readonly Channel<FeedItem> channel;
    private readonly TimeSpan gracePeriod;
    private readonly CancellationTokenSource stalled = new();
    private readonly Lock gate = new();
    private bool disposed;
    private int overflowed;

    public SubscriptionBuffer(int capacity, TimeSpan gracePeriod)
    {
        channel = Channel.CreateBounded<FeedItem>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        this.gracePeriod = gracePeriod;
    }

    public ChannelReader<FeedItem> Reader => channel.Reader;

    /// <summary>True once an item had to be refused: the subscription must end (the consumer resumes by seq).</summary>
    public bool Overflowed => Volatile.Read(ref overflowed) == 1;

    /// <summary>Cancelled a grace period after the overflow: a write still pending then is abandoned.</summary>
    public CancellationToken Stalled => stalled.Token;

    /// <summary>The sink that one room's feed writes to.</summary>
    public IRoomEventSink SinkFor(string roomId) => new RoomSink(this, roomId);

    private bool TryWrite(FeedItem item)
    {
        if (!Overflowed && channel.Writer.TryWrite(item))
        {
            return true;
        }
        if (Interlocked.Exchange(ref overflowed, 1) == 0)
        {
            lock (gate)
            {
                if (!disposed)
                {
                    stalled.CancelAfter(gracePeriod);
                }
            }
        }
        return false;
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            stalled.Dispose();
        }
    }

    private sealed class RoomSink(SubscriptionBuffer buffer, string roomId) : IRoomEventSink
    {
        public bool TryWrite(RoomEvent roomEvent) => buffer.TryWrite(new FeedItem(roomId, roomEvent));

        // Nothing to refuse here: if the notice does not fit, the buffer has overflowed and the subscription ends.
        public void OnResubscribed() => buffer.TryWrite(new FeedItem(roomId, Event: null));
    }
}
