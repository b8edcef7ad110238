using System.Threading.Channels;
using Chat.Gateway.Application;
using Chat.Rooms;

namespace Chat.Gateway.Grpc;

/// <summary>
/// The bounded queue between this gateway's room feeds and one Subscribe stream. Writing never blocks the feed:
/// when the consumer lets the queue fill up, the buffer refuses that event and every later one (so the feeds drop
/// it), marks itself overflowed, and starts the grace period after which a still-pending write is abandoned.
/// </summary>
internal sealed class SubscriptionBuffer : IRoomEventSink, IDisposable
{
    private readonly Channel<RoomEvent> channel;
    private readonly TimeSpan gracePeriod;
    private readonly CancellationTokenSource stalled = new();
    private readonly Lock gate = new();
    private bool disposed;
    private int overflowed;

    public SubscriptionBuffer(int capacity, TimeSpan gracePeriod)
    {
        channel = Channel.CreateBounded<RoomEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        this.gracePeriod = gracePeriod;
    }

    public ChannelReader<RoomEvent> Reader => channel.Reader;

    /// <summary>True once an event had to be refused: the stream must end (RESOURCE_EXHAUSTED).</summary>
    public bool Overflowed => Volatile.Read(ref overflowed) == 1;

    /// <summary>Cancelled a grace period after the overflow: a write still pending then is abandoned.</summary>
    public CancellationToken Stalled => stalled.Token;

    public bool TryWrite(RoomEvent roomEvent)
    {
        if (!Overflowed && channel.Writer.TryWrite(roomEvent))
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
}
