using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Chat.Testing;

namespace Chat.Gateway.Tests.Support;

/// <summary>A real raw WebSocket client of <c>/ws</c>: sends JSON frames, collects every frame the server sends.</summary>
public sealed class WsClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonElement> _incoming = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _unclaimed = [];
    private readonly Task _receiving;
    private int _requests;

    private WsClient(ClientWebSocket socket)
    {
        _socket = socket;
        _receiving = ReceiveLoopAsync();
    }

    public WebSocketState State => _socket.State;

    /// <summary>Set when the server closed the socket.</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public static Uri Endpoint(ChatCluster cluster, string? token) => Endpoint(cluster.HttpBaseAddress, token);

    public static Uri Endpoint(Uri gateway, string? token)
    {
        var uri = new UriBuilder(gateway) { Scheme = "ws", Path = "/ws" };
        if (token is not null)
        {
            uri.Query = $"access_token={Uri.EscapeDataString(token)}";
        }
        return uri.Uri;
    }

    public static Task<WsClient> ConnectAsync(ChatCluster cluster, TestUser user) => ConnectAsync(cluster.HttpBaseAddress, user);

    public static async Task<WsClient> ConnectAsync(Uri gateway, TestUser user)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(Endpoint(gateway, user.Token), CancellationToken.None);
        return new WsClient(socket);
    }

    /// <summary>Connects to a whole <c>/ws</c> URL (one that carries a connect ticket, say).</summary>
    public static async Task<WsClient> ConnectAsync(Uri endpoint)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(endpoint, CancellationToken.None);
        return new WsClient(socket);
    }

    public Task SendRawAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>Sends a frame with a fresh requestId and returns the server's reply to it.</summary>
    public async Task<JsonElement> RequestAsync(string type, object? fields = null)
    {
        var requestId = $"r{Interlocked.Increment(ref _requests)}";
        var frame = JsonSerializer.SerializeToNode(fields ?? new { }, JsonSerializerOptions.Web)!.AsObject();
        frame["type"] = type;
        frame["requestId"] = requestId;
        await SendRawAsync(frame.ToJsonString());
        return await ExpectAsync(f => f.TryGetProperty("requestId", out var id) && id.GetString() == requestId);
    }

    /// <summary>The next frame (in arrival order) that matches; frames passed over stay for later expectations.</summary>
    public async Task<JsonElement> ExpectAsync(Func<JsonElement, bool> match)
    {
        var index = _unclaimed.FindIndex(f => match(f));
        if (index >= 0)
        {
            var found = _unclaimed[index];
            _unclaimed.RemoveAt(index);
            return found;
        }
        using var timeout = new CancellationTokenSource(Wait.Timeout);
        while (true)
        {
            var frame = await _incoming.Reader.ReadAsync(timeout.Token);
            if (match(frame))
            {
                return frame;
            }
            _unclaimed.Add(frame);
        }
    }

    public Task<JsonElement> ExpectTypeAsync(string type) => ExpectAsync(f => f.GetProperty("type").GetString() == type);

    /// <summary>Completes when the server has closed the socket (or dropped it).</summary>
    public Task Closed => _receiving;

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
            }
        }
        _socket.Dispose();
        await _receiving;
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                    length += result.Count;
                }
                while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // Complete the server's close handshake, as a browser does.
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    return;
                }
                _incoming.Writer.TryWrite(JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone());
            }
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            _incoming.Writer.TryComplete();
        }
    }
}
