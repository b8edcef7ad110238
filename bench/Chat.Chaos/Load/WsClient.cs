using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Chat.Distributed.Harness;

namespace Chat.Chaos.Load;

/// <summary>A refusal in a <c>/ws</c> <c>error</c> frame.</summary>
internal sealed class WsRefusedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// A raw <c>/ws</c> client as an integration would write one: it reconnects (to the other gateway after a failure),
/// joins its rooms again, and hands its rooms' messages on in seq order, once each, filling a gap with a
/// <c>get_messages</c> request. Frames are processed in order on one task; replies are matched by requestId.
/// </summary>
internal sealed class WsClient(Journal journal, string name, TestUser user, IReadOnlyList<GatewaySlot> gateways, IReadOnlyList<string> rooms)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> _replies = new();
    private readonly Dictionary<string, long> _last = [];
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ClientWebSocket? _socket;
    private long _nextRequest;

    /// <summary>Completes once the client is connected and joined to its rooms for the first time.</summary>
    public Task Joined => _joined.Task;

    public static (string Code, bool Retryable) Classify(Exception exception) => exception switch
    {
        WsRefusedException refused => (refused.Code, refused.Code == "unavailable"),
        WebSocketException or IOException or ObjectDisposedException => ("connection_lost", true),
        _ => (exception.GetType().Name, false),
    };

    /// <summary>Stays connected until <paramref name="stop"/>: connect, join, read; after a failure, the next gateway.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        for (var attempt = 0; !stop.IsCancellationRequested; attempt++)
        {
            var gateway = gateways[attempt % gateways.Count];
            var started = journal.Clock.Elapsed;
            var connected = false;
            using var socket = new ClientWebSocket();
            try
            {
                var uri = new Uri($"ws://{gateway.Url.Authority}/ws?access_token={Uri.EscapeDataString(user.Token)}");
                using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
                connectTimeout.CancelAfter(Journal.HangLimit);
                await socket.ConnectAsync(uri, connectTimeout.Token);
                connected = true;
                _socket = socket;
                var frames = Channel.CreateUnbounded<JsonObject>();
                var reading = ReadAsync(socket, frames.Writer, stop);
                var processing = ProcessAsync(frames.Reader, stop);
                try
                {
                    foreach (var roomId in rooms)
                    {
                        var joined = await RequestAsync(new JsonObject { ["type"] = "join_room", ["roomId"] = roomId }, stop);
                        var lastSeq = joined["lastSeq"]!.GetValue<long>();
                        if (journal.Follow(name, roomId, lastSeq))
                        {
                            _last[roomId] = lastSeq; // followed from now on: what came before is not this client's
                        }
                        await frames.Writer.WriteAsync(new JsonObject { ["type"] = "catch_up", ["roomId"] = roomId, ["lastSeq"] = lastSeq }, stop);
                    }
                    _joined.TrySetResult();
                    // Either ends the connection: the socket closes, or handing on messages fails (a request on a dead socket).
                    await await Task.WhenAny(reading, processing);
                }
                finally
                {
                    socket.Abort();
                    frames.Writer.TryComplete();
                    await Task.WhenAll(reading, processing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
            catch (Exception exception) when (!stop.IsCancellationRequested)
            {
                // A connection that was up and broke is an event (took 0); a connection attempt that failed took its time.
                var (code, retryable) = Classify(exception);
                journal.Error("ws", name, code, retryable, connected ? TimeSpan.Zero : journal.Clock.Elapsed - started, exception.Message);
            }
            finally
            {
                _socket = null;
                FailPending();
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Sends a message; the seq it was stored with.</summary>
    public async Task<long> SendAsync(string roomId, string content, string clientMessageId, CancellationToken cancellationToken)
    {
        var reply = await RequestAsync(new JsonObject
        {
            ["type"] = "send_message",
            ["roomId"] = roomId,
            ["content"] = content,
            ["clientMessageId"] = clientMessageId,
        }, cancellationToken);
        return reply["message"]!["seq"]!.GetValue<long>();
    }

    private async Task<JsonObject> RequestAsync(JsonObject frame, CancellationToken cancellationToken)
    {
        var socket = _socket ?? throw new WebSocketException("not connected");
        var requestId = Interlocked.Increment(ref _nextRequest).ToString();
        frame["requestId"] = requestId;
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _replies[requestId] = reply;
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(frame), WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
        var result = await reply.Task.WaitAsync(cancellationToken);
        return result["type"]!.GetValue<string>() == "error"
            ? throw new WsRefusedException(result["code"]!.GetValue<string>(), result["message"]?.GetValue<string>() ?? "")
            : result;
    }

    private async Task ReadAsync(ClientWebSocket socket, ChannelWriter<JsonObject> frames, CancellationToken stop)
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        while (!stop.IsCancellationRequested)
        {
            var result = await socket.ReceiveAsync(buffer, stop);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException("closed by the gateway");
            }
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }
            var frame = JsonNode.Parse(message.GetBuffer().AsSpan(0, (int)message.Length))!.AsObject();
            message.SetLength(0);
            if (frame["requestId"]?.GetValue<string>() is { } id && _replies.TryRemove(id, out var reply))
            {
                reply.TrySetResult(frame);
            }
            else if (frame["type"]?.GetValue<string>() == "new_message")
            {
                await frames.WriteAsync(frame, stop);
            }
        }
    }

    /// <summary>Messages in order: the next seq is handed on; a jump is filled from history first; an old seq is dropped.</summary>
    private async Task ProcessAsync(ChannelReader<JsonObject> frames, CancellationToken stop)
    {
        await foreach (var frame in frames.ReadAllAsync(stop))
        {
            var catchUp = frame["type"]!.GetValue<string>() == "catch_up";
            var roomId = catchUp ? frame["roomId"]!.GetValue<string>() : frame["message"]!["roomId"]!.GetValue<string>();
            var seq = catchUp ? frame["lastSeq"]!.GetValue<long>() : frame["message"]!["seq"]!.GetValue<long>();
            var last = _last.GetValueOrDefault(roomId);
            var upTo = catchUp ? seq : seq - 1;
            for (var pages = 0; last < upTo && pages < 50; pages++)
            {
                JsonObject page;
                try
                {
                    page = await RequestAsync(new JsonObject
                    {
                        ["type"] = "get_messages",
                        ["roomId"] = roomId,
                        ["afterSeq"] = last,
                        ["limit"] = 200,
                    }, stop);
                }
                catch (WsRefusedException refused)
                {
                    // History refused for now (the store is down): the gap stays open and is filled at the next message.
                    journal.Error("ws", name, refused.Code, refused.Code == "unavailable", TimeSpan.Zero, refused.Message);
                    break;
                }
                foreach (var stored in page["messages"]!.AsArray().Select(m => m!["seq"]!.GetValue<long>()).Where(s => s > last && s <= upTo))
                {
                    journal.Deliver(name, roomId, stored, gapFilled: true);
                    last = stored;
                }
                _last[roomId] = last;
            }
            if (!catchUp && seq == last + 1)
            {
                journal.Deliver(name, roomId, seq, gapFilled: false);
                _last[roomId] = seq;
            }
        }
    }

    private void FailPending()
    {
        foreach (var id in _replies.Keys)
        {
            if (_replies.TryRemove(id, out var reply))
            {
                reply.TrySetException(new WebSocketException("connection lost"));
            }
        }
    }
}
