using System.Net;
using System.Net.Sockets;

namespace Chat.Bench.Transport;

/// <summary>
/// Spreads client sockets over 127.0.0.1, 127.0.0.2, ... so that more than one address's worth of ephemeral ports
/// (about 28,000) can connect to one server port. Traffic stays on loopback.
/// </summary>
public sealed class LoopbackBinder(int addresses)
{
    private int _next;

    public HttpMessageInvoker CreateInvoker()
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var index = Interlocked.Increment(ref _next) % Math.Max(1, addresses);
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(new IPAddress([127, 0, 0, (byte)(1 + index)]), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpMessageInvoker(handler);
    }
}
