namespace Chat.Client;

/// <summary>Capped exponential back-off with jitter: 0 for the first retry, then base·2ⁿ up to the cap, ±20 %.</summary>
internal static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max)
    {
        if (attempt <= 0)
        {
            return TimeSpan.Zero;
        }
        var exponential = initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20));
        var capped = Math.Min(exponential, max.TotalMilliseconds);
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromMilliseconds(capped * jitter);
    }
}
