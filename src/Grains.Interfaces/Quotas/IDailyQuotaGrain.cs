namespace Chat.Quotas;

/// <summary>
/// A per-user allowance that renews every UTC day (key: <c>{what}/{userId}</c>, e.g. <c>rooms/…</c>). Durable, so a
/// restart does not hand out a second allowance.
/// </summary>
[Alias("chat.IDailyQuotaGrain")]
public interface IDailyQuotaGrain : IGrainWithStringKey
{
    /// <summary>Takes one of <paramref name="perDay"/>; when none is left, the wait until the next UTC day.</summary>
    [Alias("TryTake")]
    Task<TimeSpan?> TryTake(int perDay);
}
