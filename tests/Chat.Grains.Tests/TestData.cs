using System.Threading.Channels;
using Chat.Rooms;
using Chat.Users;
using Orleans.Runtime;
using Orleans.Streams;

namespace Chat.Grains.Tests;

/// <summary>Small builders for grain tests: unique users and rooms per test, so tests never share state.</summary>
public static class TestData
{
    public static string NewRoomId(string prefix = "room") => $"{prefix}-{Guid.NewGuid():N}"[..30];

    public static async Task<UserProfile> RegisterAsync(IGrainFactory grains, string? username = null)
    {
        username ??= $"u{Guid.NewGuid():N}"[..16];
        var user = new NewUser(Guid.NewGuid().ToString("N"), username, $"{username}@example.test", "pbkdf2-sha256$1$c2FsdA==$aGFzaA==");
        return await grains.GetGrain<IUsernameIndexGrain>(username.ToLowerInvariant()).Register(user);
    }

    public static Task<RoomInfo> CreateRoomAsync(IGrainFactory grains, UserProfile creator, bool isPublic, string? roomId = null) =>
        grains.GetGrain<IRoomGrain>(roomId ?? NewRoomId()).Create(new NewRoom("Test room", "", isPublic, creator.Id));

    public static ConnectionPresence Connection(UserProfile user, string gatewayId = "gw-test", string? connectionId = null) =>
        new(gatewayId, connectionId ?? Guid.NewGuid().ToString("N"), user.Id, user.Username);
}

/// <summary>Listens to a room's stream like a gateway does, so tests can await the events a user would see.</summary>
public sealed class RoomEventProbe : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly Channel<RoomEvent> _events = Channel.CreateUnbounded<RoomEvent>();
    private StreamSubscriptionHandle<RoomEvent>? _handle;

    public static async Task<RoomEventProbe> SubscribeAsync(IClusterClient client, string roomId)
    {
        var probe = new RoomEventProbe();
        var stream = client.GetStreamProvider(ChatStreams.ProviderName)
            .GetStream<RoomEvent>(StreamId.Create(ChatStreams.RoomNamespace, roomId));
        probe._handle = await stream.SubscribeAsync((e, _) => probe._events.Writer.WriteAsync(e).AsTask());
        return probe;
    }

    /// <summary>The next event that matches, skipping others; fails the test if none comes in time.</summary>
    public async Task<RoomEvent> NextAsync(Func<RoomEvent, bool> match)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var next = await _events.Reader.ReadAsync(timeout.Token);
            if (match(next))
            {
                return next;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_handle is not null)
        {
            await _handle.UnsubscribeAsync();
        }
    }
}
