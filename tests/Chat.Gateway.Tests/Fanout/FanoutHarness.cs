using Chat.Gateway.Fanout;
using Chat.Gateway.Observability;
using Chat.Messages;
using Chat.Rooms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Tests.Fanout;

/// <summary>One gateway's <see cref="LiveRooms"/> wired to fakes: a fake cluster, fake feeds, a fake lease, two transports.</summary>
internal sealed class FanoutHarness
{
    public const string GatewayId = "gw-test";

    private long _seq;

    public FanoutHarness(int maxRoomsPerConnection = 100)
    {
        Live = new LiveRooms(
            Rooms,
            Feeds,
            Lease,
            [First, Second],
            Options.Create(new FanoutOptions { MaxRoomsPerConnection = maxRoomsPerConnection }),
            NullLogger<LiveRooms>.Instance);
    }

    public FakeRooms Rooms { get; } = new();

    public FakeFeeds Feeds { get; } = new();

    public FakeLease Lease { get; } = new();

    public RecordingTransport First { get; } = new();

    public RecordingTransport Second { get; } = new();

    public LiveRooms Live { get; }

    /// <summary>Registers a connection of <paramref name="userId"/> on <paramref name="transport"/> (First by default).</summary>
    public LiveConnection Connect(string id, string userId, RecordingTransport? transport = null)
    {
        var connection = (transport ?? First).Connection(id, userId);
        Live.Connect(connection);
        return connection;
    }

    /// <summary>A new message in the room, as its grain publishes it (current epoch, sent by nobody on this gateway).</summary>
    public RoomEvent Message(string roomId, string? origin = null)
    {
        var seq = Interlocked.Increment(ref _seq);
        var message = new ChatMessage($"m{seq}", roomId, seq, "author", "author", $"text {seq}", "text", 0, null);
        return new RoomEvent(RoomEventKind.NewMessage, roomId, message, null, origin, Rooms.CurrentEpoch(roomId));
    }

    /// <summary>Publishes a message and returns it.</summary>
    public RoomEvent Publish(string roomId)
    {
        var roomEvent = Message(roomId);
        Feeds.Publish(roomEvent);
        return roomEvent;
    }

    /// <summary>A stored message of room "lobby", as a transport is handed it.</summary>
    public static RoomEvent LobbyMessage(int seq) =>
        new(RoomEventKind.NewMessage, "lobby", new ChatMessage($"m{seq}", "lobby", seq, "a", "a", "hi", "text", 0, null), null, null, Guid.Empty);

    public static GatewayMetrics NewMetrics() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

    public RoomEvent[] Received(LiveConnection connection) => ((RecordingTransport)connection.Transport).Received(connection.Id);

    /// <summary>Completes when <paramref name="condition"/> holds; fails the test after a generous deadline (never a timing assertion).</summary>
    public static async Task Until(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Chat.Testing.Wait.Timeout);
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"Never happened: {what}");
            }
            await Task.Delay(5, CancellationToken.None);
        }
    }
}
