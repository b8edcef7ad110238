using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Chat.Bench.Transport;

/// <summary>A raw WebSocket client speaking the `/ws` JSON frame protocol; replies are matched by requestId.</summary>
public sealed class WebSocketBenchConnection(Uri baseUrl, string token, LoopbackBinder binder) : IBenchConnection
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _replies = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private long _nextRequest;
    private Task? _receiveLoop;

    public Action<BenchMessage>? OnMessage { get; set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheme = baseUrl.Scheme == "https" ? "wss" : "ws";
        var uri = new Uri($"{scheme}://{baseUrl.Authority}/ws?access_token={Uri.EscapeDataString(token)}");
        await _socket.ConnectAsync(uri, binder.CreateInvoker(), cancellationToken);
        _receiveLoop = ReceiveLoopAsync();
    }

    public async Task<long> JoinRoomAsync(string roomId) =>
        (await RequestAsync(new { type = "join_room", roomId })).GetProperty("lastSeq").GetInt64();

    public async Task<BenchMessage> SendAsync(string roomId, string content, string? clientMessageId)
    {
        var reply = await RequestAsync(new { type = "send_message", roomId, content, clientMessageId });
        return ToMessage(reply.GetProperty("message"));
    }

    private async Task<JsonElement> RequestAsync<T>(T frame)
    {
        var requestId = Interlocked.Increment(ref _nextRequest).ToString();
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _replies[requestId] = reply;
        var json = JsonSerializer.SerializeToUtf8Bytes(frame);
        // Add the requestId without a second serializer pass: frames are flat objects.
        var withId = Encoding.UTF8.GetBytes($"{{\"requestId\":\"{requestId}\",").Concat(json.Skip(1)).ToArray();
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(withId, WebSocketMessageType.Text, true, _stop.Token);
        }
        finally
        {
            _sendLock.Release();
        }
        var result = await reply.Task.WaitAsync(TimeSpan.FromSeconds(60));
        if (result.GetProperty("type").GetString() == "error")
        {
            throw new InvalidOperationException($"{result.GetProperty("code").GetString()}: {result.GetProperty("message").GetString()}");
        }
        return result;
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }
                using var frame = JsonDocument.Parse(message.GetBuffer().AsMemory(0, (int)message.Length));
                message.SetLength(0);
                var root = frame.RootElement;
                var type = root.GetProperty("type").GetString();
                if (type == "new_message")
                {
                    OnMessage?.Invoke(ToMessage(root.GetProperty("message")));
                }
                else if (root.TryGetProperty("requestId", out var id) && _replies.TryRemove(id.GetString()!, out var reply))
                {
                    reply.TrySetResult(root.Clone());
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            foreach (var reply in _replies.Values)
            {
                reply.TrySetException(ex);
            }
        }
    }

    private static BenchMessage ToMessage(JsonElement m) =>
        new(m.GetProperty("roomId").GetString()!, m.GetProperty("seq").GetInt64(), m.GetProperty("content").GetString()!);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // The server went first; nothing to close.
        }
        if (_receiveLoop is not null)
        {
            await _receiveLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        _socket.Dispose();
    }
}
