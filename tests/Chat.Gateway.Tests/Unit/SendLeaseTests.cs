using Chat.Gateway.Application.Messages;
using Chat.Users;

namespace Chat.Gateway.Tests.Unit;

/// <summary>
/// How big a gateway's next send-token lease is: a user who sends now and then costs one lease call per send and never
/// leaves tokens to give back; a user who keeps sending gets leases that double up to the cap, so most sends cost no
/// grain call.
/// </summary>
public sealed class SendLeaseTests
{
    private const long Second = 1_000;
    private const int MaxLease = 8;

    [Fact]
    public void AUserWhoSendsNowAndThenLeasesOneTokenPerSend()
    {
        var lease = new SendLease();
        var now = 0L;
        for (var send = 0; send < 5; send++)
        {
            Assert.False(lease.TryTake(now, out _));
            var (returned, wanted) = lease.StartRenewal(now, MaxLease);
            Assert.Equal((0, 1), (returned, wanted));
            Grant(lease, wanted, now);
            Assert.True(lease.TryTake(now, out var username));
            Assert.Equal("ann", username);
            now += 5 * Second; // the next send comes after the lease expired
        }
    }

    [Fact]
    public void AUserWhoKeepsSendingGetsLeasesThatDoubleUpToTheCap()
    {
        var lease = new SendLease();
        var sizes = new List<int>();
        var now = 0L;
        for (var renewal = 0; renewal < 6; renewal++)
        {
            var (_, wanted) = lease.StartRenewal(now, MaxLease);
            sizes.Add(wanted);
            Grant(lease, wanted, now);
            while (lease.TryTake(now, out _))
            {
                now += 10; // 100 sends a second: each lease is used up long before it expires
            }
        }
        Assert.Equal([1, 2, 4, 8, 8, 8], sizes);
    }

    [Fact]
    public void ALeaseThatExpiredHalfSpentGivesItsRestBackAndTheNextIsWhatItSpent()
    {
        var lease = new SendLease();
        var now = 0L;
        lease.StartRenewal(now, MaxLease);
        Grant(lease, 1, now);
        Assert.True(lease.TryTake(now, out _));
        var (_, wanted) = lease.StartRenewal(now + 10, MaxLease); // used up in time: doubles
        Grant(lease, wanted, now + 10);
        Assert.True(lease.TryTake(now + 20, out _));

        var later = now + 5 * Second;
        Assert.False(lease.TryTake(later, out _)); // expired: its token is no longer spendable
        var (returned, next) = lease.StartRenewal(later, MaxLease);
        Assert.Equal((1, 1), (returned, next));
    }

    private static void Grant(SendLease lease, int tokens, long now) =>
        lease.Grant(new SendTokenLease(tokens, TimeSpan.Zero, "ann"), expires: now + Second, deniedUntil: 0);
}
