using Chat.Client.Delivery;
using Chat.Client.Tests.Fakes;
using Chat.Contracts;

namespace Chat.Client.Tests;

/// <summary>The ordering rules of one room: each seq once, in order, gaps filled from history.</summary>
public sealed class RoomStreamTests
{
    private const string RoomId = "general";

    [Fact]
    public async Task MessagesArrivingOutOfOrderAreDeliveredInSeqOrderWithoutReadingHistory()
    {
        var server = Server(messages: 3);
        var inbox = new Inbox();
        await using var stream = Stream(server, inbox, gapFillDelay: TimeSpan.FromSeconds(5));
        stream.Joined(0);

        stream.Offer(server.History(RoomId)[2], DeliverySource.Live);
        stream.Offer(server.History(RoomId)[0], DeliverySource.Live);
        stream.Offer(server.History(RoomId)[1], DeliverySource.Sent);

        Assert.Equal([1L, 2, 3], Seqs(await inbox.NextAsync(3)));
        Assert.Empty(server.HistoryCalls);
    }

    [Fact]
    public async Task AMessageSeenTwiceIsDeliveredOnce()
    {
        var server = Server(messages: 2);
        var inbox = new Inbox();
        await using var stream = Stream(server, inbox);
        stream.Joined(0);

        var first = server.History(RoomId)[0];
        stream.Offer(first, DeliverySource.Sent);
        stream.Offer(first, DeliverySource.Live);
        stream.Offer(server.History(RoomId)[1], DeliverySource.Live);
        stream.Offer(first, DeliverySource.Live);

        Assert.Equal([1L, 2], Seqs(await inbox.NextAsync(2)));
        var fence = server.Post(RoomId, "bob", "fence");
        stream.Offer(fence, DeliverySource.Live);
        await inbox.AssertOnlyTheFenceFollowsAsync(fence);
    }

    [Fact]
    public async Task AGapThatDoesNotCloseByItselfIsFilledFromHistoryInOrder()
    {
        var server = Server(messages: 5);
        var inbox = new Inbox();
        await using var stream = Stream(server, inbox);
        stream.Joined(0);

        stream.Offer(server.History(RoomId)[0], DeliverySource.Live);
        stream.Offer(server.History(RoomId)[4], DeliverySource.Live); // 2, 3 and 4 were lost

        var delivered = await inbox.NextAsync(5);
        Assert.Equal([1L, 2, 3, 4, 5], Seqs(delivered));
        Assert.Equal([DeliverySource.Live, DeliverySource.History, DeliverySource.History, DeliverySource.History, DeliverySource.Live],
            delivered.Select(d => d.Source));
        Assert.Equal((long?)1, Assert.Single(server.HistoryCalls).AfterSeq);
    }

    [Fact]
    public async Task AGapLongerThanAPageIsReadPageByPage()
    {
        var server = Server(messages: 45);
        var inbox = new Inbox();
        await using var stream = Stream(server, inbox, pageSize: 20);
        stream.Joined(0);

        stream.Offer(server.History(RoomId)[44], DeliverySource.Live);

        Assert.Equal(Enumerable.Range(1, 45).Select(i => (long)i), Seqs(await inbox.NextAsync(45)));
        Assert.Equal([0L, 20, 40], server.HistoryCalls.Select(c => c.AfterSeq ?? -1));
    }

    [Fact]
    public async Task AfterARejoinEverythingUpToTheRoomsLastSeqIsCaughtUpAtOnce()
    {
        var server = Server(messages: 2);
        var inbox = new Inbox();
        await using var stream = Stream(server, inbox, gapFillDelay: TimeSpan.FromMinutes(1));
        stream.Joined(2);
        server.Post(RoomId, "bob", "while away 1");
        server.Post(RoomId, "bob", "while away 2");

        stream.Joined(4);

        Assert.Equal([3L, 4], Seqs(await inbox.NextAsync(2)));
    }

    [Fact]
    public async Task MessagesPushedBeforeTheJoinAnsweredAreKeptAndOlderOnesDropped()
    {
        var server = Server(messages: 4);
        var inbox = new Inbox();
        await using var stream = Stream(server, inbox);

        stream.Offer(server.History(RoomId)[3], DeliverySource.Live);
        stream.Offer(server.History(RoomId)[1], DeliverySource.Live);
        stream.Joined(3);

        Assert.Equal([4L], Seqs(await inbox.NextAsync(1)));
        Assert.Equal(4, stream.LastDelivered);
        var fence = server.Post(RoomId, "bob", "fence");
        stream.Offer(fence, DeliverySource.Live);
        await inbox.AssertOnlyTheFenceFollowsAsync(fence);
    }

    [Fact]
    public async Task ResumingAfterAKnownSeqReplaysTheHistoryAfterIt()
    {
        var server = Server(messages: 6);
        var inbox = new Inbox();
        await using var stream = Stream(server, inbox, resumeAfter: 2);

        stream.Joined(6);

        Assert.Equal([3L, 4, 5, 6], Seqs(await inbox.NextAsync(4)));
    }

    /// <remarks>
    /// Not only transient errors: right after a store or server restart a read can fail with an internal error, or be
    /// throttled. If the stream gave up, the messages after the gap would wait for the next join, and with no further
    /// traffic they never arrive.
    /// </remarks>
    [Theory]
    [InlineData(ChatError.Unavailable, ChatError.ConnectionLost)]
    [InlineData(ChatError.Internal, ChatError.RateLimited)]
    public async Task AHistoryReadThatFailsIsRetriedUntilTheGapIsFilled(ChatError first, ChatError second)
    {
        var server = Server(messages: 3);
        server.Faults.Enqueue(("GetMessages", new ChatClientException(first, "the first read failed")));
        server.Faults.Enqueue(("GetMessages", new ChatClientException(second, "the second read failed")));
        var inbox = new Inbox();
        await using var stream = Stream(server, inbox);

        stream.Joined(0);
        stream.Offer(server.History(RoomId)[2], DeliverySource.Live);

        Assert.Equal([1L, 2, 3], Seqs(await inbox.NextAsync(3)));
        Assert.Empty(server.Faults);
    }

    [Fact]
    public async Task AFreshGapIsFilledWithoutWaitingOutAnEarlierLongBackoff()
    {
        var server = Server(messages: 2);
        server.Faults.Enqueue(("GetMessages", new ChatClientException(ChatError.Unavailable, "unavailable: store down")));
        var inbox = new Inbox();
        var options = Options();
        options.MaxReconnectDelay = options.InitialReconnectDelay = TimeSpan.FromHours(1);
        await using var stream = new RoomStream(RoomId, null, Reader(server), inbox.Add, options);

        stream.Joined(0);
        stream.Offer(server.History(RoomId)[1], DeliverySource.Live); // seq 1 missing; its fill fails: back-off of an hour
        await WaitUntilAsync(() => server.Faults.Count == 0);
        server.Post(RoomId, "bob", "message 3");
        stream.Offer(server.History(RoomId)[2], DeliverySource.Live); // traffic again: the gap fill may run after the gap delay

        Assert.Equal([1L, 2, 3], Seqs(await inbox.NextAsync(3)));
    }

    [Fact]
    public async Task CatchUpDeliversWhatHistoryHoldsBeyondTheLastDeliveredMessage()
    {
        var server = Server(messages: 1);
        var inbox = new Inbox();
        await using var stream = Stream(server, inbox);
        stream.Joined(1);
        server.LosePushes = true;
        server.Post(RoomId, "bob", "never pushed");

        await stream.CatchUpAsync(CancellationToken.None);

        Assert.Equal([2L], Seqs(await inbox.NextAsync(1)));
    }

    [Fact]
    public async Task AHandlerThatThrowsDoesNotStopDelivery()
    {
        var server = Server(messages: 2);
        var inbox = new Inbox();
        var calls = 0;
        await using var stream = new RoomStream(RoomId, null, Reader(server), delivered =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("the application's handler failed");
            }
            inbox.Add(delivered);
        }, Options());
        stream.Joined(0);

        stream.Offer(server.History(RoomId)[0], DeliverySource.Live);
        stream.Offer(server.History(RoomId)[1], DeliverySource.Live);

        Assert.Equal([2L], Seqs(await inbox.NextAsync(1)));
    }

    private static FakeChatServer Server(int messages)
    {
        var server = new FakeChatServer(RoomId);
        for (var i = 1; i <= messages; i++)
        {
            server.Post(RoomId, "bob", $"message {i}");
        }
        return server;
    }

    private static RoomStream Stream(FakeChatServer server, Inbox inbox, TimeSpan? gapFillDelay = null, int pageSize = 200, long? resumeAfter = null) =>
        new(RoomId, resumeAfter, Reader(server), inbox.Add, Options(gapFillDelay, pageSize));

    private static HistoryReader Reader(FakeChatServer server) => (roomId, afterSeq, limit, _) =>
    {
        try
        {
            server.ThrowIfFaulted("GetMessages");
            return Task.FromResult(server.Read(roomId, null, afterSeq, limit));
        }
        catch (Exception exception)
        {
            return Task.FromException<IReadOnlyList<MessageDto>>(exception);
        }
    };

    private static ChatClientOptions Options(TimeSpan? gapFillDelay = null, int pageSize = 200) => new()
    {
        Endpoints = [new Uri("http://gateway-a/")],
        GapFillDelay = gapFillDelay ?? TimeSpan.FromMilliseconds(50),
        HistoryPageSize = pageSize,
        InitialReconnectDelay = TimeSpan.FromMilliseconds(20),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(100),
    };

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    private static IEnumerable<long> Seqs(IEnumerable<DeliveredMessage> delivered) => delivered.Select(d => d.Message.Seq);
}
