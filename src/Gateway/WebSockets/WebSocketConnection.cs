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
    private volatile bool _closing;

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

    /// <summary>
    /// Queues a pushed frame without waiting. <see cref="PushResult.Closing"/> when the connection is already closing
    /// (its close frame is queued behind what is there; a room event that loses that race is simply not sent), and
    /// <see cref="PushResult.Full"/> only when a live connection's queue is full: the client is too slow.
    /// </summary>
    public PushResult TryPush(byte[] frame) =>
        _outbox.Writer.TryWrite(frame) ? PushResult.Queued
        : _closing || _aborted.IsCancellationRequested ? PushResult.Closing
        : PushResult.Full;

    /// <summary>Queues a reply, waiting for room: the client's own requests may be slowed by its own reading.</summary>
    public ValueTask ReplyAsync(byte[] frame, CancellationToken cancellationToken) => _outbox.Writer.WriteAsync(frame, cancellationToken);

    /// <summary>Stops queueing; the writer sends what is queued, then this close frame.</summary>
    public void Close(WebSocketCloseStatus status, string? reason)
    {
        lock (_outbox)
        {
            _closeStatus ??= status;
            _closeReason ??= reason;
            _closing = true;
        }
        _outbox.Writer.TryComplete();
    }

    public void Abort()
    {
        _outbox.Writer.TryComplete();
        _aborted.Cancel();
    }
}

/// <summary>What became of a pushed frame.</summary>
public enum PushResult
{
    Queued,
    /// <summary>The queue is full: the client does not read fast enough.</summary>
    Full,
    /// <summary>The connection is closing or aborted: nothing more is sent, and nothing is wrong.</summary>
    Closing,
}
