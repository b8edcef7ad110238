namespace Chat.Gateway.Tests.Fanout;

/// <summary>The hard race the room table is built for: a join that arrives while the room's last leave releases it.</summary>
public sealed class RoomLifecycleRaceTests
{
    private const string RoomId = "lobby";

    [Fact]
    public async Task A_join_during_the_last_leaves_release_waits_and_starts_the_room_afresh()
    {
        var gateway = new FanoutHarness();
        var leaving = gateway.Connect("c-leaving", "u1");
        var joining = gateway.Connect("c-joining", "u2", gateway.Second);
        await gateway.Live.JoinAsync(leaving.Id, RoomId);
        var untracking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var untracked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.Lease.BeforeUntrack = async _ =>
        {
            untracking.TrySetResult();
            await untracked.Task;
        };

        var leave = gateway.Live.LeaveAsync(leaving.Id, RoomId);
        await untracking.Task; // the release holds the room's lifecycle, between unsubscribe and untrack
        var join = gateway.Live.JoinAsync(joining.Id, RoomId);
        Assert.False(join.IsCompleted);
        gateway.Lease.BeforeUntrack = null;
        untracked.SetResult();
        await leave;
        await join;

        Assert.Equal([joining.Id], gateway.Rooms.Online(RoomId));
        Assert.Equal([RoomId], gateway.Lease.Tracked);
        Assert.Equal(1, gateway.Feeds.Subscribers(RoomId));
        var message = gateway.Publish(RoomId);
        Assert.Equal([message], gateway.Received(joining));
        Assert.Empty(gateway.Received(leaving));
    }

    [Fact]
    public async Task A_disconnect_during_a_join_leaves_the_room_for_the_connection()
    {
        var gateway = new FanoutHarness();
        var connection = gateway.Connect("c1", "u1");
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.Rooms.AfterJoinRegistered = async (_, _) =>
        {
            registered.TrySetResult();
            await answer.Task;
        };

        var join = gateway.Live.JoinAsync(connection.Id, RoomId);
        await registered.Task;
        await gateway.Live.DisconnectAsync(connection.Id); // the socket closed while the room was answering
        answer.SetResult();
        await join;

        Assert.Empty(gateway.Rooms.Online(RoomId));
        Assert.Equal(0, gateway.Live.RoomEntryCount);
        Assert.Empty(gateway.Lease.Tracked);
        gateway.Publish(RoomId);
        Assert.Empty(gateway.Received(connection));
    }
}
