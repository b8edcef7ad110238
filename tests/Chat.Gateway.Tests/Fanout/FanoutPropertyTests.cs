using System.Collections.Concurrent;
using Chat.Gateway.Fanout;
using Chat.Rooms;

namespace Chat.Gateway.Tests.Fanout;

/// <summary>
/// Random joins, leaves, disconnects, deliveries, lease lapses and epoch changes (with joins that time out after the
/// room registered them, leaves and untracks that fail) against the fakes. At every quiescent point: each connected
/// member received each event once, nobody else received it, and after the periodic check the rooms' presence is
/// exactly the gateway's connections. The operations come from a seeded generator: a failing seed reproduces.
/// </summary>
public sealed class FanoutPropertyTests
{
    private static readonly string[] RoomIds = ["r0", "r1", "r2"];

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= 8; seed++)
        {
            seeds.Add(seed);
        }
        return seeds;
    }

    /// <summary>One operation at a time: the whole run, interleavings included, is decided by the seed.</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public Task Sequential_operations_keep_delivery_and_presence_exact(int seed) => RunAsync(seed, steps: 40, maxBatch: 1, runs: 40);

    /// <summary>Up to three operations on distinct connections at once (the seed decides which; the thread pool, their overlap).</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public Task Concurrent_operations_keep_delivery_and_presence_exact(int seed) => RunAsync(seed, steps: 40, maxBatch: 3, runs: 10);

    private static async Task RunAsync(int seed, int steps, int maxBatch, int runs)
    {
        for (var run = 0; run < runs; run++)
        {
            await new Scenario(new Random(seed * 1000 + run), maxBatch).RunAsync(steps);
        }
    }

    private sealed class Scenario(Random random, int maxBatch)
    {
        private readonly FanoutHarness _gateway = new();
        private readonly Dictionary<string, LiveConnection> _connected = [];
        private readonly Dictionary<string, HashSet<string>> _members = RoomIds.ToDictionary(id => id, _ => new HashSet<string>());
        private readonly List<LiveConnection> _departed = [];
        private readonly ConcurrentDictionary<string, byte> _joinTimesOut = new();
        private readonly ConcurrentDictionary<string, byte> _leaveFails = new();
        private int _nextConnection;

        public async Task RunAsync(int steps)
        {
            _gateway.Rooms.AfterJoinRegistered = (_, joined) => _joinTimesOut.ContainsKey(joined.ConnectionId)
                ? Task.FromException(new TimeoutException("join timed out"))
                : Task.CompletedTask;
            _gateway.Rooms.BeforeLeave = (_, connectionId) => _leaveFails.ContainsKey(connectionId)
                ? Task.FromException(new TimeoutException("leave timed out"))
                : Task.CompletedTask;

            for (var step = 0; step < steps; step++)
            {
                await StepAsync();
                if (random.Next(4) == 0)
                {
                    await AssertQuiescentAsync();
                }
            }
            foreach (var id in _connected.Keys.ToList())
            {
                await DisconnectAsync(id);
            }
            await AssertQuiescentAsync();
            Assert.Equal(0, _gateway.Live.RoomEntryCount);
            Assert.All(RoomIds, roomId => Assert.Equal(0, _gateway.Feeds.Subscribers(roomId)));
        }

        private async Task StepAsync()
        {
            switch (random.Next(10))
            {
                case 0 or 1:
                    Connect();
                    break;
                case 2 or 3 or 4 or 5:
                    await Task.WhenAll(PickBatch().Select(MemberOperationAsync));
                    break;
                case 6 or 7:
                    Deliver(RoomIds[random.Next(RoomIds.Length)]);
                    break;
                case 8:
                    // The lease lapsed: every room dropped this gateway; the renewal that notices asks for a resync.
                    _gateway.Rooms.DropGateway(FanoutHarness.GatewayId);
                    _gateway.Live.MarkAllForResync();
                    break;
                default:
                    // A silo died: the room re-activates with empty presence; its next event carries the new epoch.
                    _gateway.Rooms.Reactivate(RoomIds[random.Next(RoomIds.Length)]);
                    break;
            }
        }

        /// <summary>Distinct connections, so each operation's expected outcome does not depend on the others'.</summary>
        private List<string> PickBatch() =>
            [.. _connected.Keys.Order().OrderBy(_ => random.Next()).Take(random.Next(1, maxBatch + 1))];

        private async Task MemberOperationAsync(string connectionId)
        {
            var roomId = RoomIds[random.Next(RoomIds.Length)];
            switch (random.Next(5))
            {
                case 0 or 1:
                    await JoinAsync(connectionId, roomId, timesOut: random.Next(6) == 0);
                    break;
                case 2 or 3:
                    await LeaveAsync(connectionId, roomId, fails: random.Next(5) == 0);
                    break;
                default:
                    await DisconnectAsync(connectionId);
                    break;
            }
        }

        private void Connect()
        {
            var id = $"c{_nextConnection++}";
            var transport = random.Next(2) == 0 ? _gateway.First : _gateway.Second;
            _connected[id] = _gateway.Connect(id, $"u{random.Next(4)}", transport);
        }

        private async Task JoinAsync(string connectionId, string roomId, bool timesOut)
        {
            if (!timesOut)
            {
                await _gateway.Live.JoinAsync(connectionId, roomId);
                lock (_members)
                {
                    _members[roomId].Add(connectionId);
                }
                return;
            }
            var alreadyIn = _connected[connectionId].IsInRoom(roomId);
            _joinTimesOut[connectionId] = 0;
            try
            {
                await Assert.ThrowsAsync<TimeoutException>(() => _gateway.Live.JoinAsync(connectionId, roomId));
            }
            finally
            {
                _joinTimesOut.TryRemove(connectionId, out _);
            }
            if (alreadyIn)
            {
                // A repeated join that failed: the connection is still a member here; the repair re-registers it.
                return;
            }
        }

        private async Task LeaveAsync(string connectionId, string roomId, bool fails)
        {
            if (fails)
            {
                _leaveFails[connectionId] = 0;
            }
            try
            {
                await _gateway.Live.LeaveAsync(connectionId, roomId);
            }
            finally
            {
                _leaveFails.TryRemove(connectionId, out _);
            }
            lock (_members)
            {
                _members[roomId].Remove(connectionId);
            }
        }

        private async Task DisconnectAsync(string connectionId)
        {
            var connection = _connected[connectionId];
            lock (_members)
            {
                _connected.Remove(connectionId);
                _departed.Add(connection);
            }
            await _gateway.Live.DisconnectAsync(connectionId);
            lock (_members)
            {
                foreach (var members in _members.Values)
                {
                    members.Remove(connectionId);
                }
            }
        }

        /// <summary>Publishes one event and checks, at once, who got it: every member once, nobody else.</summary>
        private void Deliver(string roomId)
        {
            var everyone = _connected.Values.Concat(_departed).ToList();
            var before = everyone.ToDictionary(c => c.Id, c => _gateway.Received(c).Length);
            var roomEvent = _gateway.Publish(roomId);
            foreach (var connection in everyone)
            {
                var got = _gateway.Received(connection).Skip(before[connection.Id]).Count(e => e == roomEvent);
                var expected = _members[roomId].Contains(connection.Id) ? 1 : 0;
                Assert.True(got == expected, $"{connection.Id} received {roomEvent.Message!.Id} of {roomId} {got} times; expected {expected}");
            }
        }

        private async Task AssertQuiescentAsync()
        {
            await _gateway.Live.CheckRoomsAsync(CancellationToken.None);
            foreach (var roomId in RoomIds)
            {
                Assert.Equal(_members[roomId].Order(), _gateway.Rooms.Online(roomId));
                if (_members[roomId].Count > 0)
                {
                    Assert.Contains(roomId, _gateway.Lease.Tracked);
                    Assert.Equal(1, _gateway.Feeds.Subscribers(roomId));
                }
                Deliver(roomId);
            }
        }
    }
}
