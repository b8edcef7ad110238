using System.Net.WebSockets;
using System.Threading.Channels;
using Chat.Gateway.Fanout;

namespace Chat.Gateway.WebSockets;

/// <summary>
/// A raw WebSocket as a live connection: a bounded queue of serialized frames, written to the socket by one loop.
/// Pushes never wait: when the queue is full the connection is aborted, so one slow client stalls nobody else.
/// </summary>
public sealed class WebSocketConnection : LiveConnection
{
    private readonly Channel<byte[]> _outbox;
    private readonly WebSocketTransport _transport;
    private readonly CancellationTokenSource _aborted = new();
    private WebSocketCloseStatus? _closeStatus;
    private string? _closeReason;

    public WebSocketConnection(string id, string userId, string username, WebSocketTransport transport, int queueCapacity)
        : base(id, userId, username)
    {
        _transport = transport;
        _outbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(queueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public override ILiveTransport Transport => _transport;

    /// <summary>Fires when the connection must stop at once (too slow); the socket is dropped without a close handshake.</summary>
    public CancellationToken Aborted => _aborted.Token;

    public ChannelReader<byte[]> Outbox => _outbox.Reader;

    /// <summary>The close frame to send once the queue is drained (null: a normal closure).</summary>
    public (WebSocketCloseStatus Status, string? Reason) CloseFrame => (_closeStatus ?? WebSocketCloseStatus.NormalClosure, _closeReason);

    /// <summary>Queues a pushed frame without waiting; false when the queue is full.</summary>
    public bool TryPush(byte[] frame) => _outbox.Writer.TryWrite(frame);

    /// <summary>Queues a reply, waiting for room: the client's own requests may be slowed by its own reading.</summary>
    public ValueTask ReplyAsync(byte[] frame, CancellationToken cancellationToken) => _outbox.Writer.WriteAsync(frame, cancellationToken);

    /// <summary>Stops queueing; the writer sends what is queued, then this close frame.</summary>
    public void Close(WebSocketCloseStatus status, string? reason)
    {
        lock (_outbox)
        {
            _closeStatus ??= status;
            _closeReason ??= reason;
        }
        _outbox.Writer.TryComplete();
    }

    public void Abort()
    {
        _outbox.Writer.TryComplete();
        _aborted.Cancel();
    }
}
