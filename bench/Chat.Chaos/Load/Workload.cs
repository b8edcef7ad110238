using Chat.Client;
using Chat.Distributed.Harness;

namespace Chat.Chaos.Load;

/// <summary>
/// Steady traffic on every transport into a few rooms, every client sending and (where the transport pushes) receiving:
/// SignalR (the client library, JSON and MessagePack, with its own retries switched off so that every refusal is seen
/// here), the raw <c>/ws</c>, REST, and gRPC (<c>SendMessage</c> and <c>Subscribe</c>). Plus one silent user pinned to
/// each gateway, whose disappearance from the online lists measures ghost presence when its gateway dies.
/// </summary>
internal sealed class Workload(LocalCluster cluster, Journal journal) : IAsyncDisposable
{
    public const int Rooms = 4;
    private static readonly TimeSpan SendInterval = TimeSpan.FromMilliseconds(1500);
    private readonly CancellationTokenSource _stopSending = new();
    private readonly CancellationTokenSource _stopReceiving = new();
    private readonly List<Task> _senders = [];
    private readonly List<Task> _receivers = [];
    private readonly List<(Participant Person, string Name)> _signalR = [];
    private readonly Dictionary<GatewaySlot, Participant> _pinned = [];
    private readonly List<WsClient> _ws = [];
    private readonly List<GrpcClient> _grpc = [];
    private readonly List<RestSender> _rest = [];
    private bool _disposed;

    public List<string> RoomIds { get; } = [];

    public IReadOnlyList<GrpcClient> GrpcClients => _grpc;

    public async Task StartAsync()
    {
        for (var r = 0; r < Rooms; r++)
        {
            RoomIds.Add(await cluster.CreateRoomAsync("chaos"));
        }
        var gateways = cluster.Gateways.Take(2).ToList();
        var users = cluster.Users;
        for (var i = 0; i < 4; i++)
        {
            var name = $"signalr-{(i % 2 == 0 ? "msgpack" : "json")}-{i}";
            var person = await Participant.ConnectAsync(users[i], [.. Order(gateways, i).Select(g => g.Url)], i % 2 == 0 ? HubProtocol.MessagePack : HubProtocol.Json, TimeSpan.Zero);
            foreach (var roomId in RoomIds)
            {
                var joined = await person.Client.JoinRoomAsync(roomId);
                journal.Follow(name, roomId, joined.LastSeq);
            }
            _signalR.Add((person, name));
            Loop("signalr", name, users[i].Id, RoomIds[i % Rooms],
                async (room, content, id, ct) => (await person.Client.SendMessageAsync(room, content, id, ct)).Seq,
                e => e is ChatClientException c ? (c.Error.ToString(), c.IsTransient) : (e.GetType().Name, false));
        }
        foreach (var (gateway, i) in gateways.Select((g, i) => (g, i)))
        {
            var pinned = await Participant.ConnectAsync(users[10 + i], [gateway.Url], HubProtocol.MessagePack, TimeSpan.Zero);
            await pinned.Client.JoinRoomAsync(RoomIds[0]);
            _pinned[gateway] = pinned;
        }
        for (var i = 0; i < 2; i++)
        {
            var ws = new WsClient(journal, $"ws-{i}", users[4 + i], Order(gateways, i), RoomIds);
            _ws.Add(ws);
            _receivers.Add(Task.Run(() => ws.RunAsync(_stopReceiving.Token)));
            await ws.Joined.WaitAsync(TimeSpan.FromMinutes(1)); // a person types once connected
            Loop("ws", $"ws-{i}", users[4 + i].Id, RoomIds[(i + 1) % Rooms], ws.SendAsync, WsClient.Classify);

            var rest = new RestSender(users[6 + i], Order(gateways, i));
            _rest.Add(rest);
            Loop("rest", $"rest-{i}", users[6 + i].Id, RoomIds[(i + 2) % Rooms], rest.SendAsync, RestSender.Classify);

            var grpc = new GrpcClient(journal, $"grpc-{i}", users[8 + i], Order(gateways, i), RoomIds);
            _grpc.Add(grpc);
            _receivers.Add(Task.Run(() => grpc.SubscribeAsync(_stopReceiving.Token)));
            Loop("grpc", $"grpc-{i}", users[8 + i].Id, RoomIds[(i + 3) % Rooms], grpc.SendAsync, GrpcClient.Classify);
        }
    }

    /// <summary>
    /// After <paramref name="killedAt"/>: how long until the user pinned to <paramref name="gateway"/> was reported gone
    /// (UserLeft) to anyone in the room; null if not within 25 s.
    /// </summary>
    public async Task<TimeSpan?> GhostGoneAsync(GatewaySlot gateway, TimeSpan killedAt)
    {
        var ghost = _pinned[gateway].User.Id;
        var observers = _signalR.Select(s => s.Person).ToList();
        var gone = observers.Select(o => o.WaitUntilAsync(
            x => x.PresenceEvents().Any(e => !e.Joined && e.Change.UserId == ghost && e.At > ToParticipantClock(killedAt)),
            TimeSpan.FromSeconds(25), "ghost gone"));
        try
        {
            await await Task.WhenAny(gone);
        }
        catch (TimeoutException)
        {
            return null;
        }
        var at = observers.SelectMany(o => o.PresenceEvents())
            .Where(e => !e.Joined && e.Change.UserId == ghost && e.At > ToParticipantClock(killedAt)).Min(e => e.At);
        return at - ToParticipantClock(killedAt);
    }

    /// <summary>Stops the senders and waits for the sends in flight; receivers go on (the final messages must reach them).</summary>
    public async Task StopSendingAsync()
    {
        await _stopSending.CancelAsync();
        await Task.WhenAll(_senders).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Hands the SignalR clients' deliveries to the journal (the client library records how each came).</summary>
    public void CollectSignalR()
    {
        foreach (var (person, name) in _signalR)
        {
            foreach (var roomId in RoomIds)
            {
                foreach (var delivery in person.Deliveries(roomId))
                {
                    journal.Deliver(name, roomId, delivery.Message.Seq, delivery.Source == DeliverySource.History);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await StopSendingAsync();
        await _stopReceiving.CancelAsync();
        await Task.WhenAll(_receivers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var person in _signalR.Select(s => s.Person).Concat(_pinned.Values))
        {
            await person.DisposeAsync();
        }
        _grpc.ForEach(g => g.Dispose());
        _rest.ForEach(r => r.Dispose());
    }

    private void Loop(string transport, string client, string userId, string roomId, SendLoop.Send send, Classifier classify) =>
        _senders.Add(Task.Run(() => SendLoop.RunAsync(journal, transport, client, userId, roomId, send, classify, SendInterval, _stopSending.Token)));

    /// <summary>The gateways starting with the i-th: clients are spread over both, and know both.</summary>
    private static List<T> Order<T>(List<T> gateways, int i) => [.. gateways.Skip(i % gateways.Count), .. gateways.Take(i % gateways.Count)];

    private TimeSpan ToParticipantClock(TimeSpan journalTime) => journalTime + (Participant.Clock.Elapsed - journal.Clock.Elapsed);
}
