using Chat.Distributed.Harness;
using Chat.Grpc.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Chat.Chaos.Load;

/// <summary>
/// A gRPC integration: sends with <c>SendMessage</c>, and follows its rooms with <c>Subscribe</c>, resuming after the
/// last seq it saw (on the other gateway after a failure). The server promises every message once, in order, without a
/// gap: a repeat or a jump is journaled as such (a repeat is not handed on; a jump is filled with <c>GetMessages</c>).
/// </summary>
internal sealed class GrpcClient(Journal journal, string name, TestUser user, IReadOnlyList<GatewaySlot> gateways, IReadOnlyList<string> rooms) : IDisposable
{
    private readonly GrpcChannel[] _channels = [.. gateways.Select(g => GrpcChannel.ForAddress($"http://127.0.0.1:{g.GrpcPort}"))];
    private readonly Metadata _auth = new() { { "authorization", $"Bearer {user.Token}" } };
    private readonly Dictionary<string, long> _last = [];
    private int _sendGateway;

    /// <summary>Repeats the server sent (must be 0).</summary>
    public int Repeats { get; private set; }

    /// <summary>Jumps in the stream the client had to fill itself (must be 0).</summary>
    public int Jumps { get; private set; }

    public static (string Code, bool Retryable) Classify(Exception exception) => exception is RpcException rpc
        ? (rpc.StatusCode.ToString(), rpc.StatusCode == StatusCode.Unavailable)
        : (exception.GetType().Name, false);

    public async Task<long> SendAsync(string roomId, string content, string clientMessageId, CancellationToken cancellationToken)
    {
        var gateway = Volatile.Read(ref _sendGateway);
        try
        {
            var reply = await new ChatService.ChatServiceClient(_channels[gateway % _channels.Length]).SendMessageAsync(
                new SendMessageRequest { RoomId = roomId, Content = content, ClientMessageId = clientMessageId },
                _auth, cancellationToken: cancellationToken);
            return reply.Message.Seq;
        }
        catch (RpcException)
        {
            Interlocked.CompareExchange(ref _sendGateway, gateway + 1, gateway); // try the other gateway next time
            throw;
        }
    }

    /// <summary>Follows the rooms until <paramref name="stop"/>, subscribing again after every end of the stream.</summary>
    public async Task SubscribeAsync(CancellationToken stop)
    {
        for (var attempt = 0; !stop.IsCancellationRequested; attempt++)
        {
            var client = new ChatService.ChatServiceClient(_channels[attempt % _channels.Length]);
            var started = journal.Clock.Elapsed;
            var live = false;
            try
            {
                var request = new SubscribeRequest { RoomIds = { rooms } };
                foreach (var (roomId, last) in _last)
                {
                    request.AfterSeq[roomId] = last;
                }
                if (_last.Count == 0)
                {
                    await StartFromNowAsync(client, stop);
                    continue;
                }
                using var call = client.Subscribe(request, _auth, cancellationToken: stop);
                await call.ResponseHeadersAsync;
                live = true; // the stream is up: its end later is an event, not a slow request
                while (await call.ResponseStream.MoveNext(stop))
                {
                    if (call.ResponseStream.Current.NewMessage is { } message)
                    {
                        await HandAsync(client, message.RoomId, message.Seq, stop);
                    }
                }
                throw new RpcException(new Status(StatusCode.Unavailable, "the stream ended without a status"));
            }
            catch (Exception exception) when (!stop.IsCancellationRequested)
            {
                var (code, retryable) = Classify(exception);
                journal.Error("grpc-subscribe", name, code, retryable, live ? TimeSpan.Zero : journal.Clock.Elapsed - started, exception.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(250), stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }

    /// <summary>Follows each room from its newest message on.</summary>
    private async Task StartFromNowAsync(ChatService.ChatServiceClient client, CancellationToken stop)
    {
        foreach (var roomId in rooms)
        {
            var newest = await client.GetMessagesAsync(new GetMessagesRequest { RoomId = roomId, Limit = 1 }, _auth, cancellationToken: stop);
            var last = newest.Messages.Count > 0 ? newest.Messages[^1].Seq : 0;
            _last[roomId] = last;
            journal.Follow(name, roomId, last);
        }
    }

    private async Task HandAsync(ChatService.ChatServiceClient client, string roomId, long seq, CancellationToken stop)
    {
        var last = _last.GetValueOrDefault(roomId);
        if (seq <= last)
        {
            Repeats++;
            return;
        }
        if (seq > last + 1)
        {
            Jumps++;
            var gap = await client.GetMessagesAsync(new GetMessagesRequest { RoomId = roomId, AfterSeq = last, Limit = 200 }, _auth, cancellationToken: stop);
            foreach (var stored in gap.Messages.Where(m => m.Seq > last && m.Seq < seq))
            {
                journal.Deliver(name, roomId, stored.Seq, gapFilled: true);
            }
        }
        journal.Deliver(name, roomId, seq, gapFilled: false);
        _last[roomId] = seq;
    }
}
