using Chat.Gateway.Grpc;
using Chat.Messages;
using Chat.Rooms;

namespace Chat.Grpc.Tests;

// The change half of a Subscribe feed: every change exactly once, in changeSeq order, never before its message.
public sealed partial class RoomEventStreamTests
{
    [Fact]
    public async Task ReplaysEveryChangeAfterTheGivenChangeAfterTheMessagesThenFollowsLive()
    {
        CommitMessages("general", 3);
        _log.CommitChange("general", 1, "one, edited");
        _log.CommitChange("general", 3, "three, edited");
        _log.CommitChange("general", 2, "two, edited");

        await StartAsync(new SubscribedRoom("general", AfterSeq: 0, AfterChange: 1));

        var replayed = await NextEventsAsync(5);
        Assert.Equal([RoomEventKind.NewMessage, RoomEventKind.NewMessage, RoomEventKind.NewMessage, RoomEventKind.MessageUpdated, RoomEventKind.MessageUpdated],
            replayed.Select(e => e.Kind));
        Assert.Equal([2, 3], replayed.Skip(3).Select(e => e.ChangeSeq));
        Assert.Equal([3, 2], replayed.Skip(3).Select(e => e.Message!.Seq));

        PublishChange(_log.CommitChange("general", 1, "one, edited again"));
        var live = Assert.Single(await NextEventsAsync(1));
        Assert.Equal((4, "one, edited again"), (live.ChangeSeq, live.Message!.Content));
    }

    [Fact]
    public async Task ALostLiveChangeIsReadFromTheChangeFeedAndADuplicateIsDropped()
    {
        CommitMessages("general", 2);
        await StartAsync(new SubscribedRoom("general", AfterSeq: null, AfterChange: null));

        var first = _log.CommitChange("general", 1, "lost in transit");
        _log.CommitChange("general", 2, "lost too");
        var third = _log.CommitChange("general", 1, "arrives");
        PublishChange(third);
        PublishChange(first);
        PublishChange(third);
        PublishChange(_log.CommitChange("general", 2, "next"));

        Assert.Equal([1, 2, 3, 4], (await NextEventsAsync(4)).Select(e => e.ChangeSeq));
    }

    [Fact]
    public async Task AChangeNeverArrivesBeforeTheMessageItChanges()
    {
        await StartAsync(new SubscribedRoom("general", AfterSeq: null, AfterChange: null));

        _log.Commit("general", "its live event is lost");
        PublishChange(_log.CommitChange("general", 1, "edited"));

        var events = await NextEventsAsync(2);
        Assert.Equal([RoomEventKind.NewMessage, RoomEventKind.MessageUpdated], events.Select(e => e.Kind));
        Assert.Equal([1, 1], events.Select(e => e.Message!.Seq));
    }

    [Fact]
    public async Task AnInterruptedFeedCatchesUpOnChangesToo()
    {
        CommitMessages("general", 1);
        await StartAsync(new SubscribedRoom("general", AfterSeq: null, AfterChange: null));

        _log.CommitChange("general", 1, "missed while the feed was down");
        _feeds.Resubscribed("general");

        var caughtUp = Assert.Single(await NextEventsAsync(1));
        Assert.Equal((RoomEventKind.MessageUpdated, 1L), (caughtUp.Kind, caughtUp.ChangeSeq));
    }

    private int PublishChange(MessageChange change) =>
        Publish(new RoomEvent(RoomEventKind.MessageUpdated, change.Message.RoomId, change.Message, null, null, Guid.Empty) { ChangeSeq = change.ChangeSeq });
}
