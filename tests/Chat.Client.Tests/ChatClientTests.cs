using Chat.Client.Rest;
using Chat.Client.Tests.Fakes;
using Chat.Contracts;

namespace Chat.Client.Tests;

/// <summary>The client over a connection that fails: reconnects, rejoins, catches up, retries sends exactly once.</summary>
public sealed partial class ChatClientTests
{
    private const string RoomId = "general";
    private static readonly Uri GatewayA = new("http://gateway-a/");
    private static readonly Uri GatewayB = new("http://gateway-b/");

    [Fact]
    public async Task OwnSendsAndLiveMessagesAreDeliveredInOneOrder()
    {
        var server = new FakeChatServer(RoomId);
        var (client, inbox) = await ConnectAsync(server, "alice");
        await using var _ = client;
        await client.JoinRoomAsync(RoomId);

        server.LosePushes = true;
        server.Post(RoomId, "bob", "from bob"); // its push is late: it arrives after alice's own message
        server.LosePushes = false;
        var sent = await client.SendMessageAsync(RoomId, "from alice");

        var delivered = await inbox.NextAsync(2);
        Assert.Equal(2, sent.Seq);
        Assert.Equal([("bob", DeliverySource.History), ("alice", DeliverySource.Sent)],
            delivered.Select(d => (d.Message.UserId, d.Source)));
    }

    [Fact]
    public async Task AfterLosingItsGatewayTheClientMovesToTheNextRejoinsAndMissesNothing()
    {
        var server = new FakeChatServer(RoomId);
        var (client, inbox) = await ConnectAsync(server, "alice");
        await using var _ = client;
        var reconnected = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        await client.JoinRoomAsync(RoomId);
        server.Post(RoomId, "bob", "before");
        await inbox.NextAsync(1);
        client.Connected += endpoint => reconnected.TrySetResult(endpoint);

        server.TakeDown(GatewayA);
        server.Post(RoomId, "bob", "while alice is away 1");
        server.Post(RoomId, "bob", "while alice is away 2");

        Assert.Equal(GatewayB, await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        var caughtUp = await inbox.NextAsync(2);
        Assert.Equal([2L, 3], caughtUp.Select(d => d.Message.Seq));
        server.Post(RoomId, "bob", "after");
        var live = Assert.Single(await inbox.NextAsync(1));
        Assert.Equal((4L, DeliverySource.Live), (live.Message.Seq, live.Source));
    }

    [Fact]
    public async Task ASendWhoseAnswerWasLostIsRetriedWithTheSameIdAndStoredOnce()
    {
        var server = new FakeChatServer(RoomId);
        var (client, inbox) = await ConnectAsync(server, "alice");
        await using var _ = client;
        await client.JoinRoomAsync(RoomId);
        server.DropConnectionAfterNextStore = true;

        var sent = await client.SendMessageAsync(RoomId, "hello once");

        var stored = Assert.Single(server.History(RoomId));
        Assert.Equal((stored.Seq, stored.ClientMessageId), (sent.Seq, sent.ClientMessageId));
        Assert.Equal(2, server.Connected.Count);
        Assert.Equal(1L, Assert.Single(await inbox.NextAsync(1)).Message.Seq);
        var fence = server.Post(RoomId, "bob", "fence"); // pushed live, or caught up from history after the rejoin
        await inbox.AssertOnlyTheFenceFollowsAsync(fence);
    }

    [Fact]
    public async Task ASendRefusedAsUnavailableIsRetriedUntilItSucceeds()
    {
        var server = new FakeChatServer(RoomId);
        var (client, _) = await ConnectAsync(server, "alice");
        await using var __ = client;
        server.Faults.Enqueue(("SendMessage", new ChatClientException(ChatError.Unavailable, "unavailable: store down")));
        server.Faults.Enqueue(("SendMessage", new ChatClientException(ChatError.Unavailable, "unavailable: store down")));

        var sent = await client.SendMessageAsync(RoomId, "eventually", clientMessageId: "mine-1");

        Assert.Equal("mine-1", sent.ClientMessageId);
        Assert.Single(server.History(RoomId));
    }

    [Fact]
    public async Task ASendRefusedForAReasonARetryCannotFixFailsAtOnce()
    {
        var server = new FakeChatServer(RoomId);
        var (client, _) = await ConnectAsync(server, "alice");
        await using var __ = client;
        server.Faults.Enqueue(("SendMessage", new ChatClientException(ChatError.RateLimited, "rate_limited: slow down")));

        var error = await Assert.ThrowsAsync<ChatClientException>(() => client.SendMessageAsync(RoomId, "too fast"));

        Assert.Equal(ChatError.RateLimited, error.Error);
        Assert.False(error.IsTransient);
        Assert.Empty(server.History(RoomId));
    }

    [Fact]
    public async Task ASendThatKeepsFailingReportsTheFailureAfterTheRetryTimeOut()
    {
        var server = new FakeChatServer(RoomId);
        var (client, _) = await ConnectAsync(server, "alice", retryTimeout: TimeSpan.FromMilliseconds(300));
        await using var __ = client;
        for (var i = 0; i < 100; i++)
        {
            server.Faults.Enqueue(("SendMessage", new ChatClientException(ChatError.Unavailable, "unavailable: store down")));
        }

        var error = await Assert.ThrowsAsync<ChatClientException>(() => client.SendMessageAsync(RoomId, "never"));

        Assert.Equal(ChatError.Unavailable, error.Error);
    }

    [Fact]
    public async Task PresenceFollowsJoinEventsAndDifferencesFoundOnRejoinAreAnnounced()
    {
        var server = new FakeChatServer(RoomId);
        var (client, _) = await ConnectAsync(server, "alice");
        await using var aliceScope = client;
        var (bob, _) = await ConnectAsync(server, "bob");
        await using var bobScope = bob;
        await bob.JoinRoomAsync(RoomId);
        var left = new TaskCompletionSource<PresenceDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.UserLeft += change => left.TrySetResult(change);

        var joined = await client.JoinRoomAsync(RoomId);
        Assert.Equal(["alice", "bob"], joined.OnlineUsers.Select(u => u.UserId).Order());
        Assert.Equal(["alice", "bob"], client.KnownOnlineUsers(RoomId).Select(u => u.UserId));

        await bob.DisposeAsync(); // bob goes away while alice is disconnected: she learns it from the rejoin
        server.TakeDown(GatewayA);

        Assert.Equal("bob", (await left.Task.WaitAsync(TimeSpan.FromSeconds(10))).UserId);
        Assert.Equal(["alice"], client.KnownOnlineUsers(RoomId).Select(u => u.UserId));
    }

    private static async Task<(ChatClient Client, Inbox Inbox)> ConnectAsync(FakeChatServer server, string userId, TimeSpan? retryTimeout = null)
    {
        var options = new ChatClientOptions
        {
            Endpoints = [GatewayA, GatewayB],
            InitialReconnectDelay = TimeSpan.FromMilliseconds(20),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(100),
            GapFillDelay = TimeSpan.FromMilliseconds(50),
            RetryTimeout = retryTimeout ?? TimeSpan.FromSeconds(10),
        };
        var client = new ChatClient(options, server, new ChatRestClient(new HttpClient(), options.Endpoints));
        var inbox = new Inbox();
        client.MessageReceived += inbox.Add;
        client.UseToken(userId);
        await client.ConnectAsync();
        return (client, inbox);
    }
}
