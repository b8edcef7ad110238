using Chat.Grains.Users;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Grains.Tests.Users;

public sealed class TokenBucketTests
{
    [Fact]
    public void ABurstIsAllowedThenTheBucketRefillsAtItsRate()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(burst: 3, perSecond: 2, time);

        Assert.True(bucket.TryTake(out _));
        Assert.True(bucket.TryTake(out _));
        Assert.True(bucket.TryTake(out _));
        Assert.False(bucket.TryTake(out var retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(500), retryAfter);

        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(bucket.TryTake(out _));
        Assert.False(bucket.TryTake(out _));
    }

    [Fact]
    public void AnIdleBucketNeverHoldsMoreThanItsBurst()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(burst: 2, perSecond: 10, time);

        time.Advance(TimeSpan.FromHours(1));

        Assert.True(bucket.TryTake(out _));
        Assert.True(bucket.TryTake(out _));
        Assert.False(bucket.TryTake(out _));
    }
}
