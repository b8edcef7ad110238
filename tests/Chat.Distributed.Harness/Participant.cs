using System.Diagnostics;
using Chat.Client;
using Chat.Contracts;
using Microsoft.Extensions.Logging;

namespace Chat.Distributed.Harness;

/// <summary>One chat user on a <see cref="ChatClient"/>, recording everything it is handed, with when and how.</summary>
internal sealed class Participant : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Delivery>> _deliveries = [];
    private readonly List<(PresenceDto Change, bool Joined, TimeSpan At)> _presence = [];
    private readonly List<(Uri Endpoint, TimeSpan At)> _connections = [];
    private readonly Stopwatch _clock;
    private TaskCompletionSource _changed = NewSignal();

    private Participant(TestUser user, ChatClient client, Stopwatch clock)
    {
        User = user;
        Client = client;
        _clock = clock;
        client.MessageReceived += delivered => Record(() => DeliveriesOf(delivered.Message.RoomId).Add(new Delivery(delivered.Message, delivered.Source, _clock.Elapsed)));
        client.UserJoined += change => Record(() => _presence.Add((change, true, _clock.Elapsed)));
        client.UserLeft += change => Record(() => _presence.Add((change, false, _clock.Elapsed)));
        client.Connected += endpoint => Record(() => _connections.Add((endpoint, _clock.Elapsed)));
    }

    /// <summary>Every participant shares this clock, so times compare across them.</summary>
    public static Stopwatch Clock { get; } = Stopwatch.StartNew();

    public TestUser User { get; }

    public ChatClient Client { get; }

    public static async Task<Participant> ConnectAsync(TestUser user, IReadOnlyList<Uri> endpoints, HubProtocol protocol, TimeSpan retryTimeout, ILoggerFactory logs)
    {
        var client = new ChatClient(new ChatClientOptions
        {
            LoggerFactory = logs,
            Endpoints = endpoints,
            Protocol = protocol,
            RetryTimeout = retryTimeout,
            InitialReconnectDelay = TimeSpan.FromMilliseconds(200),
            MaxReconnectDelay = TimeSpan.FromSeconds(2),
        });
        var participant = new Participant(user, client, Clock);
        client.UseToken(user.Token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync(timeout.Token);
        return participant;
    }

    public IReadOnlyList<Delivery> Deliveries(string roomId)
    {
        lock (_gate)
        {
            return [.. DeliveriesOf(roomId)];
        }
    }

    public long LastSeq(string roomId)
    {
        lock (_gate)
        {
            return DeliveriesOf(roomId) is [.., var last] ? last.Message.Seq : 0;
        }
    }

    public IReadOnlyList<(PresenceDto Change, bool Joined, TimeSpan At)> PresenceEvents()
    {
        lock (_gate)
        {
            return [.. _presence];
        }
    }

    public IReadOnlyList<(Uri Endpoint, TimeSpan At)> Connections()
    {
        lock (_gate)
        {
            return [.. _connections];
        }
    }

    /// <summary>Waits (on events, never by sleeping) until <paramref name="condition"/> holds; fails with <paramref name="what"/> after the time-out.</summary>
    public async Task WaitUntilAsync(Func<Participant, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = Clock.Elapsed + timeout;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }
            if (condition(this))
            {
                return;
            }
            var left = deadline - Clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"{User.Username}: not within {timeout.TotalSeconds:0.#} s: {what}");
            }
            await Task.WhenAny(changed, Task.Delay(left));
        }
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();

    private List<Delivery> DeliveriesOf(string roomId)
    {
        if (!_deliveries.TryGetValue(roomId, out var list))
        {
            _deliveries[roomId] = list = [];
        }
        return list;
    }

    private void Record(Action change)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            change();
            signal = _changed;
            _changed = NewSignal();
        }
        signal.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A message as one participant got it: how, and when (on <see cref="Participant.Clock"/>).</summary>
internal sealed record Delivery(MessageDto Message, DeliverySource Source, TimeSpan At);
