using System.Globalization;
using System.Threading.RateLimiting;
using Chat.Errors;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Quotas;

/// <summary>What a per-user rate quota meters (<see cref="MeteredOperations"/> lists the operations of each).</summary>
public enum RateQuota
{
    /// <summary>History, change feed, search, profiles, my rooms, online users, directory pages.</summary>
    Read,

    /// <summary>A live connection joining a room, becoming a member, each room of a gRPC Subscribe.</summary>
    Join,
}

/// <summary>
/// One token bucket per user and <see cref="RateQuota"/> on this gateway (sizes in <see cref="QuotaOptions"/>): a
/// user may spend the burst at once, then what the refill gives back. A refusal is <c>rate_limited</c> with the time
/// until enough is back, thrown before the operation reaches any grain. Buckets are per gateway, like the connection
/// cap: a user spread over several gateways has a bucket on each. A bucket that has filled up again is dropped after a
/// while (the partitioned limiter's idle sweep), so memory follows the users active now, and dropping a full bucket
/// gives nobody more than they had.
/// </summary>
public sealed class UserRateQuotas : IDisposable
{
    private readonly QuotaOptions _options;
    private readonly PartitionedRateLimiter<(string UserId, RateQuota Quota)> _buckets;

    public UserRateQuotas(IOptions<QuotaOptions> options)
    {
        _options = options.Value;
        _buckets = PartitionedRateLimiter.Create<(string UserId, RateQuota Quota), (string UserId, RateQuota Quota)>(
            key => RateLimitPartition.GetTokenBucketLimiter(key, partition => BucketOptions(partition.Quota)));
    }

    /// <summary>
    /// Spends <paramref name="count"/> of the user's quota (a request larger than the burst spends the whole burst),
    /// or throws <c>rate_limited</c> with the wait.
    /// </summary>
    public void Spend(string userId, RateQuota quota, int count = 1)
    {
        var bucket = BucketOptions(quota);
        using var lease = _buckets.AttemptAcquire((userId, quota), Math.Clamp(count, 1, bucket.TokenLimit));
        if (lease.IsAcquired)
        {
            return;
        }
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero
            ? retryAfter
            : bucket.ReplenishmentPeriod;
        throw new ChatException(ChatErrorCode.RateLimited,
            string.Create(CultureInfo.InvariantCulture,
                $"Too many {Describe(quota)}: at most {bucket.TokenLimit} at once and {bucket.TokensPerPeriod} per {bucket.ReplenishmentPeriod.TotalSeconds:0.###} s per user on each gateway; retry in {Math.Ceiling(wait.TotalSeconds):0} s."),
            wait);
    }

    public void Dispose() => _buckets.Dispose();

    private TokenBucketRateLimiterOptions BucketOptions(RateQuota quota) => quota switch
    {
        RateQuota.Read => Bucket(_options.ReadBurst, _options.ReadsPerPeriod, _options.ReadRefillPeriod),
        _ => Bucket(_options.JoinBurst, _options.JoinsPerPeriod, _options.JoinRefillPeriod),
    };

    private static TokenBucketRateLimiterOptions Bucket(int burst, int perPeriod, TimeSpan period) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = Math.Min(perPeriod, burst),
        ReplenishmentPeriod = period,
        QueueLimit = 0,
        AutoReplenishment = false,
    };

    private static string Describe(RateQuota quota) => quota == RateQuota.Read
        ? "reads (history, changes, search, profiles, room lists)"
        : "room joins";
}
