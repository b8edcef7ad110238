using Chat.Grpc.Tests.Support;
using Chat.Grpc.V1;
using Chat.Rooms;
using Chat.Testing;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Streams;

namespace Chat.Grpc.Tests;

/// <summary>
/// <c>ChatService.Subscribe</c> against the real system: replay after a seq, then live, every message exactly once in
/// ascending seq order even while others send; presence; refusals; slow consumers; cancellation.
/// </summary>
[Collection(GrpcClusterCollection.Name)]
public sealed class SubscribeTests(GrpcCluster grpc)
{
    [Fact]
    public async Task ReplaysEverythingAfterTheGivenSeqThenStreamsLive()
    {
        var user = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(user);
        await SendManyAsync(user, roomId, 5);

        using var stream = grpc.Subscribe(user, [roomId], new Dictionary<string, long> { [roomId] = 2 });
        var replayed = await stream.NextMessagesAsync(3);
        var live = await grpc.SendAsync(user, roomId, "live");

        Assert.Equal([3, 4, 5], replayed.Select(m => m.Seq));
        Assert.Equal(live, await stream.NextMessageAsync());
    }

    [Fact]
    public async Task AfterSeqZeroReplaysTheWholeRoom()
    {
        var user = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(user);
        var sent = await SendManyAsync(user, roomId, 3);

        using var stream = grpc.Subscribe(user, [roomId], new Dictionary<string, long> { [roomId] = 0 });

        Assert.Equal(sent, await stream.NextMessagesAsync(3));
    }

    [Fact]
    public async Task ARoomWithoutAfterSeqStreamsLiveOnly()
    {
        var user = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(user);
        await SendManyAsync(user, roomId, 3);

        using var stream = grpc.Subscribe(user, [roomId]);
        await stream.ReadyAsync();
        var live = await grpc.SendAsync(user, roomId, "the first thing this stream sees");

        Assert.Equal(live, await stream.NextMessageAsync());
    }

    [Fact]
    public async Task EveryMessageArrivesExactlyOnceInOrderWhileOthersSendDuringTheReplay()
    {
        const int before = 40, senders = 3, perSender = 25;
        var reader = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(reader);
        var writers = await grpc.NewUsersAsync(senders + 2, "writer");
        await Task.WhenAll(writers[..2].Select(writer => SendManyAsync(writer, roomId, before / 2)));

        using var stream = grpc.Subscribe(reader, [roomId], new Dictionary<string, long> { [roomId] = 0 });
        var sending = Task.WhenAll(writers[2..].Select(writer => SendManyAsync(writer, roomId, perSender)));
        var received = await stream.NextMessagesAsync(before + senders * perSender);
        await sending;

        Assert.Equal(Enumerable.Range(1, before + senders * perSender).Select(seq => (long)seq), received.Select(m => m.Seq));
        Assert.All(received, message => Assert.Equal(roomId, message.RoomId));
    }

    [Fact]
    public async Task SeveralRoomsAreEachReplayedAndFollowed()
    {
        var user = await grpc.NewUserAsync();
        var first = await grpc.CreateRoomAsync(user);
        var second = await grpc.CreateRoomAsync(user);
        await SendManyAsync(user, first, 2);
        await SendManyAsync(user, second, 2);

        using var stream = grpc.Subscribe(user, [first, second], new Dictionary<string, long> { [first] = 1 });
        var replayed = await stream.NextMessageAsync();
        await grpc.SendAsync(user, second, "second room, live");
        var live = await stream.NextMessageAsync();

        Assert.Equal((first, 2L), (replayed.RoomId, replayed.Seq));
        Assert.Equal((second, 3L), (live.RoomId, live.Seq));
    }

    [Fact]
    public async Task TheCallersOwnMessagesAreIncludedAndSubscribingDoesNotMakeThemOnline()
    {
        var user = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(user);

        using var stream = grpc.Subscribe(user, [roomId]);
        await stream.ReadyAsync();
        var own = await grpc.SendAsync(user, roomId, "my own");

        Assert.Equal(own, await stream.NextMessageAsync());
        var online = await grpc.Chat.GetOnlineUsersAsync(new GetOnlineUsersRequest { RoomId = roomId }, GrpcCluster.Auth(user));
        Assert.Empty(online.Users);
    }

    [Fact]
    public async Task UsersJoiningAndLeavingOverSignalRArePresenceEvents()
    {
        var watcher = await grpc.NewUserAsync();
        var browser = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(watcher);
        var expected = new PresenceEvent { RoomId = roomId, UserId = browser.Id, Username = browser.Username };

        using var stream = grpc.Subscribe(watcher, [roomId]);
        await stream.ReadyAsync();
        await using var hub = await HubClient.ConnectAsync(grpc.Cluster, browser);
        await hub.JoinAsync(roomId);
        var joined = await stream.NextAsync();
        await hub.LeaveAsync(roomId);
        var left = await stream.NextAsync();

        Assert.Equal(new ChatEvent { UserJoined = expected }, joined);
        Assert.Equal(new ChatEvent { UserLeft = expected }, left);
    }

    [Fact]
    public async Task AnotherUsersPrivateRoomIsNotFoundAndNothingIsStreamed()
    {
        var owner = await grpc.NewUserAsync();
        var outsider = await grpc.NewUserAsync();
        var privateRoom = await grpc.CreateRoomAsync(owner, isPublic: false);
        await grpc.SendAsync(owner, privateRoom, "secret");

        using var stream = grpc.Subscribe(outsider, ["general", privateRoom], new Dictionary<string, long> { [privateRoom] = 0 });
        var error = await Assert.ThrowsAsync<RpcException>(() => stream.NextAsync());

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    public static TheoryData<string[], Dictionary<string, long>> InvalidRequests => new()
    {
        { [], new Dictionary<string, long>() },
        { ["Not A Room!"], new Dictionary<string, long>() },
        { ["general"], new Dictionary<string, long> { ["tech"] = 0 } },
        { ["general"], new Dictionary<string, long> { ["general"] = -1 } },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task AnInvalidRequestIsInvalidArgument(string[] roomIds, Dictionary<string, long> afterSeq)
    {
        var user = await grpc.NewUserAsync();

        using var stream = grpc.Subscribe(user, roomIds, afterSeq);
        var error = await Assert.ThrowsAsync<RpcException>(() => stream.NextAsync());

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.NotEmpty(error.Status.Detail);
    }

    [Fact]
    public async Task AConsumerThatFallsBehindIsEndedAndResumesBySeqWithoutLoss()
    {
        var reader = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(reader);
        using var slow = grpc.Subscribe(reader, [roomId]);
        using var eager = grpc.Subscribe(reader, [roomId]);
        await Task.WhenAll(slow.ReadyAsync(), eager.ReadyAsync());

        var flooders = await grpc.NewUsersAsync(10, "flooder");
        var eagerReadsAll = Task.Run(async () =>
        {
            while ((await eager.NextMessageAsync()).Content != "the end")
            {
            }
        });

        // Far more (and bigger) events than the slow stream's transport and buffer can hold while it reads nothing.
        var bulky = new string('x', 3990);
        await Task.WhenAll(flooders.Select(flooder => SendManyAsync(flooder, roomId, 25, bulky)));
        var last = await grpc.SendAsync(reader, roomId, "the end");
        // The gateway hands each event to every local stream in order: once the eager one has the last, so had the slow one.
        await eagerReadsAll;

        var seen = new List<long>();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (true)
            {
                seen.Add((await slow.NextMessageAsync()).Seq);
            }
        });
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(Enumerable.Range(1, seen.Count).Select(seq => (long)seq), seen);
        Assert.True(seen.Count < last.Seq);

        using var resumed = grpc.Subscribe(reader, [roomId], new Dictionary<string, long> { [roomId] = seen.Count });
        var rest = await resumed.NextMessagesAsync((int)last.Seq - seen.Count);
        Assert.Equal(Enumerable.Range(seen.Count + 1, (int)last.Seq - seen.Count).Select(seq => (long)seq), rest.Select(m => m.Seq));
    }

    [Fact]
    public async Task CancellingTheCallReleasesTheGatewaysRoomSubscription()
    {
        var user = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(user);
        var room = grpc.Cluster.GatewayServices.GetRequiredService<IClusterClient>()
            .GetStreamProvider(ChatStreams.ProviderName)
            .GetStream<RoomEvent>(StreamId.Create(ChatStreams.RoomNamespace, roomId));

        var stream = grpc.Subscribe(user, [roomId]);
        await stream.ReadyAsync();
        Assert.Single(await room.GetAllSubscriptionHandles());

        stream.Dispose();

        await Wait.UntilAsync(async () => (await room.GetAllSubscriptionHandles()).Count == 0, "the gateway unsubscribed from the room");
    }

    private async Task<List<ChatMessage>> SendManyAsync(TestUser sender, string roomId, int count, string content = "message")
    {
        var sent = new List<ChatMessage>(count);
        for (var i = 0; i < count; i++)
        {
            sent.Add(await grpc.SendAsync(sender, roomId, $"{content} {i}"));
        }
        return sent;
    }
}
