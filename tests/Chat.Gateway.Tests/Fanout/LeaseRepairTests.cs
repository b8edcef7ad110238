using Chat.Gateway.Hosting;
using Chat.Gateway.Lease;
using Chat.Gateway.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Tests.Fanout;

/// <summary>Issue #19, point 3: the lease is renewed while a resync of the gateway's rooms is still running.</summary>
public sealed class LeaseRepairTests
{
    [Fact]
    public async Task Renewals_go_on_while_a_resync_after_an_unknown_lease_is_still_running()
    {
        var gateway = new FanoutHarness();
        var connection = gateway.Connect("c1", "u1");
        await gateway.Live.JoinAsync(connection.Id, "lobby");
        var service = new GatewayLeaseService(
            gateway.Lease, gateway.Live, new ClusterReachability(TimeProvider.System),
            Options.Create(new LeaseOptions()), TimeProvider.System, NullLogger<GatewayLeaseService>.Instance);
        var syncing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.Rooms.AfterSyncApplied = async _ =>
        {
            syncing.TrySetResult();
            await answer.Task;
        };

        // The lease lapsed and the room dropped us; the renewal finds the lease unknown and starts a resync.
        gateway.Rooms.DropGateway(FanoutHarness.GatewayId);
        gateway.Lease.Known = false;
        await service.RenewAsync(CancellationToken.None).WaitAsync(Wait.Timeout);
        await syncing.Task.WaitAsync(Wait.Timeout);

        // The resync is held by the room; the next renewals are not.
        gateway.Lease.Known = true;
        await service.RenewAsync(CancellationToken.None).WaitAsync(Wait.Timeout);
        await service.RenewAsync(CancellationToken.None).WaitAsync(Wait.Timeout);
        Assert.Equal(3, gateway.Lease.Renewals);
        Assert.False(service.Resync.IsCompleted);

        answer.SetResult();
        await service.Resync.WaitAsync(Wait.Timeout);
        Assert.Equal([connection.Id], gateway.Rooms.Online("lobby"));
        Assert.Equal(["lobby"], gateway.Lease.Tracked);
    }
}
