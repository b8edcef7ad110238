using Chat.Errors;
using Chat.Rooms;

namespace Chat.Gateway.Tests.Fanout;

/// <summary>
/// Issue #19's interleavings of the gateway's fan-out, each driven step by step against a fake cluster: gates decide
/// what the "room grain" has done when, so every test runs the same way every time.
/// </summary>
public sealed class InterleavingTests
{
    private const string RoomId = "lobby";

    [Fact]
    public async Task A_transport_that_throws_costs_no_other_transport_and_no_later_event_its_deliveries()
    {
        var gateway = new FanoutHarness();
        var onFirst = gateway.Connect("c-first", "u1", gateway.First);
        var onSecond = gateway.Connect("c-second", "u2", gateway.Second);
        await gateway.Live.JoinAsync(onFirst.Id, RoomId);
        await gateway.Live.JoinAsync(onSecond.Id, RoomId);

        gateway.First.Throws = true;
        var whileFailing = gateway.Publish(RoomId);
        gateway.First.Throws = false;
        var afterwards = gateway.Publish(RoomId);

        Assert.Equal([whileFailing, afterwards], gateway.Received(onSecond));
        Assert.Equal([afterwards], gateway.Received(onFirst));
        Assert.Equal(1, gateway.Feeds.Subscribers(RoomId));
    }

    [Fact]
    public async Task A_join_that_times_out_after_the_room_registered_it_leaves_no_ghost()
    {
        var gateway = new FanoutHarness();
        var connection = gateway.Connect("c1", "u1");
        gateway.Rooms.AfterJoinRegistered = (_, _) => Task.FromException(new TimeoutException("the room's answer was lost"));

        await Assert.ThrowsAsync<TimeoutException>(() => gateway.Live.JoinAsync(connection.Id, RoomId));
        gateway.Rooms.AfterJoinRegistered = null;
        await gateway.Live.CheckRoomsAsync(CancellationToken.None);

        Assert.Empty(gateway.Rooms.Online(RoomId));
        Assert.Empty(gateway.Lease.Tracked);
        Assert.Equal(0, gateway.Live.RoomEntryCount);
    }

    [Fact]
    public async Task A_join_whose_late_registration_outlives_the_leave_is_removed_by_the_sync()
    {
        var gateway = new FanoutHarness();
        var member = gateway.Connect("c-member", "u1");
        var late = gateway.Connect("c-late", "u2");
        await gateway.Live.JoinAsync(member.Id, RoomId);
        // The gateway gives up on the join and says leave; the join is processed by the room only after that leave.
        gateway.Rooms.AfterJoinRegistered = (_, joined) => joined.ConnectionId == late.Id
            ? Task.FromException(new TimeoutException("timed out"))
            : Task.CompletedTask;
        await Assert.ThrowsAsync<TimeoutException>(() => gateway.Live.JoinAsync(late.Id, RoomId));
        gateway.Rooms.AfterJoinRegistered = null;
        await gateway.Rooms.JoinAsync(RoomId, new ConnectionPresence(FanoutHarness.GatewayId, late.Id, late.UserId, late.Username));

        await gateway.Live.CheckRoomsAsync(CancellationToken.None);

        Assert.Equal([member.Id], gateway.Rooms.Online(RoomId));
        var message = gateway.Publish(RoomId);
        Assert.Equal([message], gateway.Received(member));
        Assert.Empty(gateway.Received(late));
    }

    [Fact]
    public async Task A_refused_join_passes_the_refusal_through_and_keeps_nothing()
    {
        var gateway = new FanoutHarness();
        var connection = gateway.Connect("c1", "u1");
        gateway.Rooms.Forbid(RoomId);

        var refusal = await Assert.ThrowsAsync<ChatException>(() => gateway.Live.JoinAsync(connection.Id, RoomId));

        Assert.Equal(ChatErrorCode.NotFound, refusal.Code);
        Assert.Equal(0, gateway.Live.RoomEntryCount);
        Assert.Empty(gateway.Lease.Tracked);
        Assert.Equal(0, gateway.Feeds.Subscribers(RoomId));
    }

    [Fact]
    public async Task A_resync_requested_while_a_sync_is_in_flight_is_not_lost()
    {
        var gateway = new FanoutHarness();
        var connection = gateway.Connect("c1", "u1");
        await gateway.Live.JoinAsync(connection.Id, RoomId);
        gateway.Rooms.Reactivate(RoomId); // a silo died: the check will sync this room
        var applied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.Rooms.AfterSyncApplied = async _ =>
        {
            applied.TrySetResult();
            await answer.Task;
        };

        var check = gateway.Live.CheckRoomsAsync(CancellationToken.None);
        await applied.Task;
        // While the room's answer is on its way, the lease lapses: the room drops us, the renewal asks for a resync.
        gateway.Rooms.DropGateway(FanoutHarness.GatewayId);
        gateway.Live.MarkAllForResync();
        gateway.Rooms.AfterSyncApplied = null;
        answer.SetResult();
        await check;
        await gateway.Live.CheckRoomsAsync(CancellationToken.None);

        Assert.Equal([connection.Id], gateway.Rooms.Online(RoomId));
    }

    [Fact]
    public async Task A_failing_untrack_is_not_thrown_back_to_a_disconnect_that_succeeded()
    {
        var gateway = new FanoutHarness();
        var connection = gateway.Connect("c1", "u1");
        await gateway.Live.JoinAsync(connection.Id, RoomId);
        await gateway.Live.JoinAsync(connection.Id, "other");
        gateway.Lease.BeforeUntrack = _ => Task.FromException(new TimeoutException("cluster unreachable"));

        await gateway.Live.DisconnectAsync(connection.Id);

        Assert.Empty(gateway.Rooms.Online(RoomId));
        Assert.Empty(gateway.Rooms.Online("other"));
        Assert.Equal(0, gateway.Live.RoomEntryCount);
        Assert.Equal(0, gateway.Feeds.Subscribers(RoomId));

        // The room is taken up again as usual by the next joiner.
        gateway.Lease.BeforeUntrack = null;
        var next = gateway.Connect("c2", "u2");
        await gateway.Live.JoinAsync(next.Id, RoomId);
        Assert.Equal([next.Id], gateway.Rooms.Online(RoomId));
        Assert.Equal(1, gateway.Feeds.Subscribers(RoomId));
    }

    [Fact]
    public async Task A_join_cancelled_before_the_rooms_first_operation_leaves_no_room_entry()
    {
        var gateway = new FanoutHarness();
        var connection = gateway.Connect("c1", "u1");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gateway.Live.JoinAsync(connection.Id, RoomId, cancelled.Token));

        Assert.Equal(0, gateway.Live.RoomEntryCount);
        Assert.Empty(gateway.Lease.Tracked);
    }

    [Fact]
    public async Task A_cancelled_grain_call_does_not_end_the_room_check()
    {
        var gateway = new FanoutHarness();
        var first = gateway.Connect("c1", "u1");
        var second = gateway.Connect("c2", "u2");
        await gateway.Live.JoinAsync(first.Id, "r1");
        await gateway.Live.JoinAsync(second.Id, "r2");
        gateway.Rooms.Reactivate("r1");
        gateway.Rooms.Reactivate("r2");
        gateway.Rooms.BeforeEpoch = roomId => roomId == "r1" ? Task.FromCanceled(new CancellationToken(true)) : Task.CompletedTask;

        await gateway.Live.CheckRoomsAsync(CancellationToken.None);
        gateway.Rooms.BeforeEpoch = null;
        await gateway.Live.CheckRoomsAsync(CancellationToken.None);

        Assert.Equal([first.Id], gateway.Rooms.Online("r1"));
        Assert.Equal([second.Id], gateway.Rooms.Online("r2"));
    }
}
