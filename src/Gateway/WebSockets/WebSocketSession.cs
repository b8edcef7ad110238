using System.Buffers;
using System.Net.WebSockets;
using Chat.Errors;
using Chat.Gateway.Application;
using Chat.Gateway.Fanout;

namespace Chat.Gateway.WebSockets;

/// <summary>
/// Runs one raw WebSocket: a receive loop that handles client frames one at a time (so replies come in request
/// order), and a send loop, the socket's only writer, that drains the connection's queue and then closes. The
/// session ends when the client closes, the server shuts down, the token expires or the client is too slow; in every
/// case the connection leaves all its rooms.
/// </summary>
public sealed partial class WebSocketSession(
    WebSocket socket,
    Caller caller,
    WebSocketConnection connection,
    FrameHandler handler,
    IChatApplication chat,
    RawWebSocketOptions options,
    ILogger logger)
{
    private byte[]? _discard;

    /// <param name="shuttingDown">Fires when the server stops: the session closes with 1001 (going away).</param>
    /// <param name="tokenExpired">Fires when the token the socket was opened with expires: it closes with 1008.</param>
    public async Task RunAsync(CancellationToken shuttingDown, CancellationToken tokenExpired)
    {
        await chat.ConnectAsync(caller, connection, CancellationToken.None);
        using var onShutdown = shuttingDown.Register(() => connection.Close(WebSocketCloseStatus.EndpointUnavailable, "server shutting down"));
        using var onExpiry = tokenExpired.Register(() => connection.Close(WebSocketCloseStatus.PolicyViolation, "token expired"));
        var sending = SendLoopAsync();
        var receiving = ReceiveLoopAsync();
        try
        {
            if (await Task.WhenAny(sending, receiving) == sending
                && await Task.WhenAny(receiving, Task.Delay(options.CloseTimeout, CancellationToken.None)) != receiving)
            {
                // We sent our close frame (or gave up on the client) and it does not answer: drop it.
                connection.Abort();
            }
            await receiving;
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            LogDropped(logger, connection.Id, exception.Message);
        }
        finally
        {
            // Rooms first: once the client sees our close frame, it has left every room (presence is up to date).
            await chat.DisconnectAsync(caller, CancellationToken.None);
            connection.Close(WebSocketCloseStatus.NormalClosure, null);
            await sending;
        }
    }

    /// <summary>
    /// Waits for each frame with a zero-byte read, so an idle connection holds no receive buffer (measured: 36 KB per
    /// idle connection before, bench/README.md); the frame buffer is rented while one frame is read and handled.
    /// </summary>
    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (true)
            {
                var first = await socket.ReceiveAsync(Memory<byte>.Empty, connection.Aborted);
                if (first.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                var buffer = ArrayPool<byte>.Shared.Rent(options.MaxFrameBytes);
                byte[] reply;
                try
                {
                    var (type, length, oversized) = first.EndOfMessage ? (first.MessageType, 0, false) : await ReceiveFrameAsync(buffer);
                    if (type == WebSocketMessageType.Close)
                    {
                        return;
                    }
                    reply = type == WebSocketMessageType.Binary
                        ? FrameHandler.Error(null, null, ChatErrorCode.BadRequest, "Frames must be JSON text frames.")
                        : oversized
                            ? FrameHandler.Error(null, null, ChatErrorCode.BadRequest, $"A frame may be at most {options.MaxFrameBytes} bytes.")
                            : await handler.HandleAsync(caller, buffer.AsMemory(0, length), connection.Aborted);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
                await connection.ReplyAsync(reply, connection.Aborted);
            }
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            // The server is closing the connection: stop reading requests it would not answer.
        }
    }

    /// <summary>One whole message: up to the frame limit into <paramref name="buffer"/>, the rest read and dropped.</summary>
    private async Task<(WebSocketMessageType Type, int Length, bool Oversized)> ReceiveFrameAsync(byte[] buffer)
    {
        var length = 0;
        var oversized = false;
        while (true)
        {
            var target = length < options.MaxFrameBytes ? buffer.AsMemory(length, options.MaxFrameBytes - length) : (_discard ??= new byte[4096]).AsMemory();
            var result = await socket.ReceiveAsync(target, connection.Aborted);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (result.MessageType, 0, false);
            }
            if (length < options.MaxFrameBytes)
            {
                length += result.Count;
            }
            else if (result.Count > 0)
            {
                oversized = true;
            }
            if (result.EndOfMessage)
            {
                return (result.MessageType, length, oversized);
            }
        }
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var frame in connection.Outbox.ReadAllAsync(connection.Aborted))
            {
                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, connection.Aborted);
            }
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                var (status, reason) = connection.CloseFrame;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.Aborted);
                timeout.CancelAfter(options.CloseTimeout);
                await socket.CloseOutputAsync(status, reason, timeout.Token);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            LogDropped(logger, connection.Id, exception.Message);
        }
        finally
        {
            if (connection.Aborted.IsCancellationRequested)
            {
                socket.Abort();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "WebSocket {ConnectionId} dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, string connectionId, string reason);
}
