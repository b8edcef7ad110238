using Chat.Gateway.Grpc;
using Chat.Grpc.Tests.Support;
using Chat.Grpc.V1;
using Grpc.Core;

namespace Chat.Grpc.Tests;

/// <summary><c>chat.v1.ChatService</c>'s unary methods: sending, history, who is online, and every refusal's status.</summary>
[Collection(GrpcClusterCollection.Name)]
public sealed class ChatServiceTests(GrpcCluster grpc)
{
    [Fact]
    public async Task SendMessageReturnsTheStoredMessage()
    {
        var user = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(user);

        var message = await grpc.SendAsync(user, roomId, "  hello over gRPC \n");

        Assert.Equal($"{roomId}:1", message.Id);
        Assert.Equal((roomId, 1L, user.Id, user.Username), (message.RoomId, message.Seq, message.UserId, message.Username));
        Assert.Equal(("hello over gRPC", "text", ""), (message.Content, message.MessageType, message.ClientMessageId));
        Assert.InRange(message.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds());
        Assert.Equal([message], await HistoryAsync(user, roomId, new GetMessagesRequest()));
    }

    [Fact]
    public async Task ARetryWithTheSameClientMessageIdReturnsTheOriginalAndStoresNothing()
    {
        var user = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(user);

        var original = await grpc.SendAsync(user, roomId, "once", clientMessageId: "retry-1");
        var retried = await grpc.SendAsync(user, roomId, "whatever the content", clientMessageId: "retry-1");

        Assert.Equal(original, retried);
        Assert.Equal("retry-1", original.ClientMessageId);
        Assert.Equal([original], await HistoryAsync(user, roomId, new GetMessagesRequest()));
    }

    [Fact]
    public async Task GetMessagesPagesWithExclusiveCursorsInAscendingOrder()
    {
        var user = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(user);
        for (var i = 1; i <= 6; i++)
        {
            await grpc.SendAsync(user, roomId, $"message {i}");
        }

        Assert.Equal([5, 6], await SeqsAsync(user, new GetMessagesRequest { RoomId = roomId, Limit = 2 }));
        Assert.Equal([2, 3], await SeqsAsync(user, new GetMessagesRequest { RoomId = roomId, BeforeSeq = 4, Limit = 2 }));
        Assert.Equal([2, 3], await SeqsAsync(user, new GetMessagesRequest { RoomId = roomId, AfterSeq = 1, Limit = 2 }));
        Assert.Equal([3, 4], await SeqsAsync(user, new GetMessagesRequest { RoomId = roomId, AfterSeq = 2, BeforeSeq = 5 }));
        Assert.Equal([1, 2, 3, 4, 5, 6], await SeqsAsync(user, new GetMessagesRequest { RoomId = roomId }));
    }

    [Fact]
    public async Task GetOnlineUsersListsLiveConnectionsButNotTheGrpcCaller()
    {
        var watcher = await grpc.NewUserAsync();
        var browser = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(watcher);
        await using var hub = await HubClient.ConnectAsync(grpc.Cluster, browser);
        await hub.JoinAsync(roomId);

        var online = await grpc.Chat.GetOnlineUsersAsync(new GetOnlineUsersRequest { RoomId = roomId }, GrpcCluster.Auth(watcher));

        Assert.Equal([new OnlineUser { UserId = browser.Id, Username = browser.Username }], online.Users);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t\n ")]
    public async Task EmptyContentIsInvalidArgument(string content)
    {
        var user = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(user);

        await AssertStatusAsync(StatusCode.InvalidArgument, () => grpc.SendAsync(user, roomId, content));
        Assert.Empty(await HistoryAsync(user, roomId, new GetMessagesRequest()));
    }

    [Fact]
    public async Task ContentOver4000CharactersIsInvalidArgumentAnd4000IsAccepted()
    {
        var user = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(user);

        var error = await AssertStatusAsync(StatusCode.InvalidArgument, () => grpc.SendAsync(user, roomId, new string('a', 4001)));
        var accepted = await grpc.SendAsync(user, roomId, new string('é', 4000));

        Assert.Contains("4000", error.Status.Detail);
        Assert.Equal([accepted], await HistoryAsync(user, roomId, new GetMessagesRequest()));
    }

    [Fact]
    public async Task ARequestOverTheSizeLimitIsRefusedBeforeItReachesTheCluster()
    {
        var user = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(user);

        var error = await AssertStatusAsync(StatusCode.ResourceExhausted, () => grpc.SendAsync(user, roomId, new string('a', 100_000)));

        Assert.Contains("maximum", error.Status.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await HistoryAsync(user, roomId, new GetMessagesRequest()));
    }

    [Fact]
    public async Task InvalidRoomIdsAndCursorsAreInvalidArgument()
    {
        var user = await grpc.NewUserAsync();

        await AssertStatusAsync(StatusCode.InvalidArgument, () => grpc.SendAsync(user, "Not A Room Id!", "hello"));
        await AssertStatusAsync(StatusCode.InvalidArgument, () => HistoryAsync(user, "general", new GetMessagesRequest { BeforeSeq = -1 }));
        await AssertStatusAsync(StatusCode.InvalidArgument, () => HistoryAsync(user, "general", new GetMessagesRequest { Limit = -5 }));
        await AssertStatusAsync(StatusCode.InvalidArgument, () => grpc.SendAsync(user, "general", "hello", clientMessageId: new string('x', 65)));
    }

    [Fact]
    public async Task AMissingRoomAndSomeoneElsesPrivateRoomAreBothNotFound()
    {
        var owner = await grpc.NewUserAsync();
        var outsider = await grpc.NewUserAsync();
        var privateRoom = await grpc.CreateRoomAsync(owner, isPublic: false);
        var auth = GrpcCluster.Auth(outsider);

        foreach (var roomId in new[] { privateRoom, $"missing-{Guid.NewGuid():N}" })
        {
            await AssertStatusAsync(StatusCode.NotFound, () => grpc.SendAsync(outsider, roomId, "let me in"));
            await AssertStatusAsync(StatusCode.NotFound, () => HistoryAsync(outsider, roomId, new GetMessagesRequest()));
            await AssertStatusAsync(StatusCode.NotFound, async () => await grpc.Chat.GetOnlineUsersAsync(new GetOnlineUsersRequest { RoomId = roomId }, auth));
        }
        Assert.Empty(await HistoryAsync(owner, privateRoom, new GetMessagesRequest()));
    }

    [Fact]
    public async Task AFloodIsResourceExhaustedWithARetryHintAndNothingRefusedIsStored()
    {
        var user = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(user);

        RpcException? limited = null;
        var stored = 0;
        for (var i = 0; i < 200 && limited is null; i++)
        {
            try
            {
                await grpc.SendAsync(user, roomId, $"flood {i}");
                stored++;
            }
            catch (RpcException exception)
            {
                limited = exception;
            }
        }

        Assert.NotNull(limited);
        Assert.Equal(StatusCode.ResourceExhausted, limited.StatusCode);
        Assert.True(long.Parse(limited.Trailers.GetValue(ChatStatusCodes.RetryPushbackTrailer)!) > 0);
        var history = await HistoryAsync(user, roomId, new GetMessagesRequest { Limit = 200 });
        Assert.Equal(Enumerable.Range(1, stored).Select(seq => (long)seq), history.Select(m => m.Seq));
    }

    private async Task<List<ChatMessage>> HistoryAsync(Chat.Testing.TestUser user, string roomId, GetMessagesRequest request)
    {
        request.RoomId = roomId;
        return [.. (await grpc.Chat.GetMessagesAsync(request, GrpcCluster.Auth(user))).Messages];
    }

    private async Task<List<long>> SeqsAsync(Chat.Testing.TestUser user, GetMessagesRequest request) =>
        [.. (await HistoryAsync(user, request.RoomId, request)).Select(m => m.Seq)];

    private static async Task<RpcException> AssertStatusAsync(StatusCode expected, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(expected, error.StatusCode);
        Assert.NotEmpty(error.Status.Detail);
        return error;
    }
}
