using System.Threading.Channels;
using Chat.Errors;
using Chat.Gateway.Application;
using Chat.Gateway.Grpc;
using Chat.Grpc.Tests.Fakes;
using Chat.Messages;
using Chat.Rooms;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Grpc.Tests;

/// <summary>
/// The ordering guarantees of a Subscribe feed, against an in-memory room log and feeds where the test decides which
/// live events get lost and when messages are committed: every message exactly once, ascending per room, no gap.
/// </summary>
public sealed partial class RoomEventStreamTests : IAsyncDisposable
{
    private readonly FakeRoomLog _log = new();
    private readonly FakeRoomFeeds _feeds = new();
    private readonly Channel<RoomEvent> _received = Channel.CreateUnbounded<RoomEvent>();
    private readonly CancellationTokenSource _stop = new();
    private RoomEventStream? _stream;
    private Task? _run;

    [Fact]
    public async Task ReplaysEveryMessageAfterTheGivenSeqThenFollowsLive()
    {
        CommitMessages("general", 5);

        await StartAsync(new SubscribedRoom("general", AfterSeq: 2));
        Assert.Equal([3, 4, 5], await NextSeqsAsync(3));

        Publish(_log.Commit("general", "six"));
        Assert.Equal([6], await NextSeqsAsync(1));
    }

    [Fact]
    public async Task AfterSeqZeroReplaysFromTheFirstMessage()
    {
        CommitMessages("general", 3);

        await StartAsync(new SubscribedRoom("general", AfterSeq: 0));

        Assert.Equal([1, 2, 3], await NextSeqsAsync(3));
    }

    [Fact]
    public async Task MessagesSentDuringTheReplayArriveExactlyOnceInOrder()
    {
        CommitMessages("general", 5);
        var sentDuringReplay = 0;
        _log.BeforeHistoryRead = () =>
        {
            // Between every two pages, someone sends: committed, then pushed live to the already subscribed feed.
            if (_feeds.ActiveSubscriptions > 0 && sentDuringReplay++ < 4)
            {
                Publish(_log.Commit("general", "during replay"));
            }
            return Task.CompletedTask;
        };

        await StartAsync(new SubscribedRoom("general", AfterSeq: 0));
        Assert.Equal(Enumerable.Range(1, 9).Select(seq => (long)seq), await NextSeqsAsync(9));

        Publish(_log.Commit("general", "after"));
        Assert.Equal([10], await NextSeqsAsync(1));
    }

    [Fact]
    public async Task ALiveMessageThatGotLostIsFilledFromHistory()
    {
        await StartAsync(new SubscribedRoom("general", AfterSeq: null));

        Publish(_log.Commit("general", "one"));
        _log.Commit("general", "two: committed, but its live event is lost");
        _log.Commit("general", "three: lost too");
        Publish(_log.Commit("general", "four"));

        Assert.Equal([1, 2, 3, 4], await NextSeqsAsync(4));
    }

    [Fact]
    public async Task WhatALostSubscriptionMissedIsReadFromHistoryAsSoonAsItIsBack()
    {
        await StartAsync(new SubscribedRoom("general", AfterSeq: null));

        _log.Commit("general", "sent while the gateway's subscription was lost");
        _log.Commit("general", "this one too");
        _feeds.Resubscribed("general");

        Assert.Equal([1, 2], await NextSeqsAsync(2));
    }

    [Fact]
    public async Task ALiveOnlyRoomStartsWithTheNextMessage()
    {
        CommitMessages("general", 3);

        await StartAsync(new SubscribedRoom("general", AfterSeq: null));
        Publish(_log.Commit("general", "four"));

        Assert.Equal([4], await NextSeqsAsync(1));
    }

    [Fact]
    public async Task EachRoomIsOrderedOnItsOwn()
    {
        CommitMessages("general", 2);
        CommitMessages("tech", 3);

        await StartAsync(new SubscribedRoom("general", AfterSeq: 0), new SubscribedRoom("tech", AfterSeq: 1));
        Publish(_log.Commit("tech", "four"));
        Publish(_log.Commit("general", "three"));

        var events = await NextEventsAsync(6);
        Assert.Equal([1, 2, 3], events.Where(e => e.RoomId == "general").Select(e => e.Message!.Seq));
        Assert.Equal([2, 3, 4], events.Where(e => e.RoomId == "tech").Select(e => e.Message!.Seq));
    }

    [Fact]
    public async Task PresenceIsForwardedLive()
    {
        await StartAsync(new SubscribedRoom("general", AfterSeq: null));

        var joined = new RoomEvent(RoomEventKind.UserJoined, "general", null, new OnlineUser("u2", "bob"), "c1", Guid.NewGuid());
        Publish(joined);

        Assert.Equal(joined, (await NextEventsAsync(1))[0]);
    }

    [Fact]
    public async Task ARoomTheCallerMayNotSeeIsRefusedBeforeAnythingIsSubscribed()
    {
        _log.HiddenRooms.Add("secret");

        var refusal = await Assert.ThrowsAsync<ChatException>(() =>
            StartAsync(new SubscribedRoom("general", AfterSeq: null), new SubscribedRoom("secret", AfterSeq: 0)));

        Assert.Equal(ChatErrorCode.NotFound, refusal.Code);
        Assert.Equal(0, _feeds.ActiveSubscriptions);
        Assert.Equal(0, _received.Reader.Count);
    }

    [Fact]
    public async Task AConsumerThatFallsBehindIsEndedAndReleasesItsRooms()
    {
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumerReads = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await StartAsync(
            new ChatGrpcOptions { SubscribeBufferCapacity = 3, SlowConsumerGracePeriod = TimeSpan.FromMinutes(1) },
            (roomEvent, token) =>
            {
                writing.TrySetResult();
                return consumerReads.Task.WaitAsync(token);
            },
            new SubscribedRoom("general", AfterSeq: null), new SubscribedRoom("tech", AfterSeq: null));

        // The first event waits in the transport, three more fill the buffer, the fifth does not fit.
        Publish(_log.Commit("general", "flood"));
        await writing.Task.WaitAsync(Wait.Timeout);
        var takers = Enumerable.Range(0, 4).Select(_ => Publish(_log.Commit("general", "flood"))).ToList();
        Assert.Equal([1, 1, 1, 0], takers);

        consumerReads.SetResult();
        await _run!.WaitAsync(Wait.Timeout);
        Assert.True(_stream!.FellBehind);
        Assert.Equal(1, _stream.EventsWritten);
        Assert.Equal(0, Publish(_log.Commit("tech", "the other room is refused too")));

        await _stream.DisposeAsync();
        Assert.Equal(0, _feeds.ActiveSubscriptions);
    }

    [Fact]
    public async Task AConsumerThatStopsReadingIsCutOffAfterTheGracePeriod()
    {
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await StartAsync(
            new ChatGrpcOptions { SubscribeBufferCapacity = 1, SlowConsumerGracePeriod = TimeSpan.FromMilliseconds(50) },
            (roomEvent, token) =>
            {
                writing.TrySetResult();
                return Task.Delay(System.Threading.Timeout.Infinite, token);
            },
            new SubscribedRoom("general", AfterSeq: null));

        Publish(_log.Commit("general", "never read"));
        await writing.Task.WaitAsync(Wait.Timeout);
        Publish(_log.Commit("general", "fills the buffer"));
        Publish(_log.Commit("general", "overflows it"));

        await _run!.WaitAsync(Wait.Timeout);
        Assert.True(_stream!.FellBehind);
        Assert.Equal(0, _stream.EventsWritten);
    }

    [Fact]
    public async Task CancellingReleasesEveryRoomSubscription()
    {
        await StartAsync(new SubscribedRoom("general", AfterSeq: null), new SubscribedRoom("tech", AfterSeq: null));
        Assert.Equal(2, _feeds.ActiveSubscriptions);

        _stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _run!.WaitAsync(Wait.Timeout));
        await _stream!.DisposeAsync();

        Assert.Equal(0, _feeds.ActiveSubscriptions);
    }

    private Task StartAsync(params SubscribedRoom[] rooms) =>
        StartAsync(new ChatGrpcOptions { ReplayPageSize = 2 }, (roomEvent, _) => _received.Writer.WriteAsync(roomEvent).AsTask(), rooms);

    /// <summary>Starts the stream and returns once it is subscribed to every room (or failed).</summary>
    private async Task StartAsync(ChatGrpcOptions options, RoomEventWriter consumer, params SubscribedRoom[] rooms)
    {
        _stream = new RoomEventStream(_log, _feeds, new Caller("u1", "alice"), consumer, options, NullLogger.Instance, _stop.Token);
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _run = Task.Run(() => _stream.RunAsync(rooms, () =>
        {
            Assert.Equal(rooms.Length, _feeds.ActiveSubscriptions);
            subscribed.SetResult();
            return Task.CompletedTask;
        }, _stop.Token));
        await await Task.WhenAny(subscribed.Task, _run).WaitAsync(Wait.Timeout);
    }

    private void CommitMessages(string roomId, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            _log.Commit(roomId, $"message {i}");
        }
    }

    private int Publish(ChatMessage message) =>
        Publish(new RoomEvent(RoomEventKind.NewMessage, message.RoomId, message, null, null, Guid.Empty));

    private int Publish(RoomEvent roomEvent) => _feeds.Publish(roomEvent);

    private async Task<List<long>> NextSeqsAsync(int count) =>
        [.. (await NextEventsAsync(count)).Select(e => e.Message!.Seq)];

    private async Task<List<RoomEvent>> NextEventsAsync(int count)
    {
        var events = new List<RoomEvent>();
        while (events.Count < count)
        {
            events.Add(await _received.Reader.ReadAsync().AsTask().WaitAsync(Wait.Timeout));
        }
        return events;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }
        _stop.Dispose();
    }
}
