using Chat.Errors;
using Chat.Users;

namespace Chat.Grains.Tests.Users;

/// <summary>The user grain leases its send budget (burst 30, 10/s here) to gateways in batches: never more than it holds.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class SendTokenLeaseTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task GatewaysLeasingTogetherGetTheBurstAndNoMoreThenAWaitAndReturnedTokensAreLeasedAgain()
    {
        var user = await TestData.RegisterAsync(Grains);
        var grain = Grains.GetGrain<IUserGrain>(user.Id);

        // Two gateways asking for 8 at a time until the bucket is empty.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var leases = new List<SendTokenLease>();
        SendTokenLease lease;
        do
        {
            lease = await grain.LeaseSendTokens(0, 8);
            leases.Add(lease);
        }
        while (lease.Granted > 0 && leases.Count < 100);
        var refilled = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds * 10;
        var returnedThenLeased = await grain.LeaseSendTokens(returned: 5, wanted: 8);

        var granted = leases.Sum(l => l.Granted);
        Assert.InRange(granted, 30, 30 + (int)Math.Ceiling(refilled)); // the burst, plus what refilled at 10/s meanwhile
        Assert.All(leases, l => Assert.InRange(l.Granted, 0, 8));
        Assert.Equal(0, lease.Granted);
        Assert.True(lease.RetryAfter > TimeSpan.Zero);
        Assert.Equal(user.Username, leases[0].Username);
        Assert.InRange(returnedThenLeased.Granted, 5, 8);
    }

    [Fact]
    public async Task AnUnknownUserGetsNoLease()
    {
        var error = await Assert.ThrowsAsync<ChatException>(() => Grains.GetGrain<IUserGrain>($"nobody-{Guid.NewGuid():N}").LeaseSendTokens(0, 8));

        Assert.Equal(ChatErrorCode.Unauthorized, error.Code);
    }
}
