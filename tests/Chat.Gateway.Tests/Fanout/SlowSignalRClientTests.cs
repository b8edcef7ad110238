using Chat.Contracts;
using Chat.Gateway.Fanout;
using Chat.Gateway.Hubs;
using Chat.Gateway.Mapping;
using Chat.Rooms;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Tests.Fanout;

/// <summary>Issue #19, point 5: a SignalR client that stops reading holds a bounded number of pushes, then is dropped.</summary>
public sealed class SlowSignalRClientTests
{
    private const int Capacity = 8;

    [Fact]
    public void A_client_that_stops_reading_is_dropped_once_its_pushes_reach_the_bound_and_nobody_else_waits()
    {
        var hub = new FakeHub();
        var transport = Transport(hub);
        var aborts = 0;
        var slow = new SignalRConnection("slow", "u1", "u1", transport, () => aborts++);
        var fast = new SignalRConnection("fast", "u2", "u2", transport, () => { });
        var stuck = hub.Client(slow.Id, writes: () => new TaskCompletionSource().Task);
        var reading = hub.Client(fast.Id, writes: () => Task.CompletedTask);
        LiveConnection[] members = [slow, fast];

        for (var i = 0; i < Capacity * 3; i++)
        {
            transport.Deliver(FanoutHarness.LobbyMessage(i), members, []);
        }

        Assert.Equal(1, aborts);
        Assert.Equal(Capacity, stuck.Calls);
        Assert.Equal(Capacity, slow.PendingPushes);
        Assert.Equal(Capacity * 3, reading.Calls);
        Assert.Equal(0, fast.PendingPushes);
    }

    [Fact]
    public void Pushes_that_complete_free_their_place_so_a_client_that_keeps_up_is_never_dropped()
    {
        var hub = new FakeHub();
        var transport = Transport(hub);
        var aborts = 0;
        var connection = new SignalRConnection("c", "u1", "u1", transport, () => aborts++);
        var pending = new Queue<TaskCompletionSource>();
        var client = hub.Client(connection.Id, writes: () =>
        {
            var write = new TaskCompletionSource();
            pending.Enqueue(write);
            return write.Task;
        });

        for (var i = 0; i < Capacity * 4; i++)
        {
            transport.Deliver(FanoutHarness.LobbyMessage(i), [connection], []);
            if (pending.Count == Capacity - 1)
            {
                pending.Dequeue().SetResult(); // the client reads one
            }
        }

        Assert.Equal(0, aborts);
        Assert.Equal(Capacity * 4, client.Calls);
    }

    private static SignalRTransport Transport(FakeHub hub)
    {
        return new SignalRTransport(hub, Options.Create(new FanoutOptions { SignalRSendQueueCapacity = Capacity }), FanoutHarness.NewMetrics(), NullLogger<SignalRTransport>.Instance);
    }

    /// <summary>SignalR's hub context reduced to what the transport uses: one proxy per connection.</summary>
    private sealed class FakeHub : IHubContext<ChatHub, IChatClient>
    {
        private readonly FakeClients _clients = new();

        public IHubClients<IChatClient> Clients => _clients;

        public IGroupManager Groups => throw new NotSupportedException();

        public FakeClient Client(string connectionId, Func<Task> writes) => _clients.Proxies[connectionId] = new FakeClient(writes);
    }

    private sealed class FakeClients : IHubClients<IChatClient>
    {
        public Dictionary<string, FakeClient> Proxies { get; } = [];

        public IChatClient All => throw new NotSupportedException();

        public IChatClient Client(string connectionId) => Proxies[connectionId];

        public IChatClient AllExcept(IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

        public IChatClient Clients(IReadOnlyList<string> connectionIds) => throw new NotSupportedException();

        public IChatClient Group(string groupName) => throw new NotSupportedException();

        public IChatClient GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

        public IChatClient Groups(IReadOnlyList<string> groupNames) => throw new NotSupportedException();

        public IChatClient User(string userId) => throw new NotSupportedException();

        public IChatClient Users(IReadOnlyList<string> userIds) => throw new NotSupportedException();
    }

    /// <summary>One connection's proxy: each push is a write that completes when <c>writes</c> says.</summary>
    private sealed class FakeClient(Func<Task> writes) : IChatClient
    {
        public int Calls { get; private set; }

        public Task NewMessage(MessageDto message) => Write();

        public Task UserJoined(PresenceDto presence) => Write();

        public Task UserLeft(PresenceDto presence) => Write();

        private Task Write()
        {
            Calls++;
            return writes();
        }
    }
}
