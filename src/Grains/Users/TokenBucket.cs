namespace Chat.Grains.Users;

/// <summary>A token bucket: <c>burst</c> tokens, refilled continuously at <c>perSecond</c>. Not thread-safe (one grain owns it).</summary>
public sealed class TokenBucket(int burst, double perSecond, TimeProvider time)
{
    private double _tokens = burst;
    private long _lastRefill = time.GetTimestamp();

    /// <summary>Takes one token, or says how long until one is available.</summary>
    public bool TryTake(out TimeSpan retryAfter) => TryTake(1, out _, out retryAfter);

    /// <summary>
    /// Takes up to <paramref name="wanted"/> whole tokens (at least one, or none and how long until one is available).
    /// </summary>
    public bool TryTake(int wanted, out int taken, out TimeSpan retryAfter)
    {
        Refill();
        taken = (int)Math.Min(Math.Max(wanted, 1), Math.Floor(_tokens));
        if (taken >= 1)
        {
            _tokens -= taken;
            retryAfter = TimeSpan.Zero;
            return true;
        }
        taken = 0;
        // At least 1 ms: a wait that rounds to zero would tell the caller to retry at once while the bucket is empty.
        retryAfter = TimeSpan.FromSeconds(Math.Max((1 - _tokens) / perSecond, 0.001));
        return false;
    }

    /// <summary>
    /// Puts back tokens taken earlier and not spent (capped at the burst): as if they had never been taken, so the
    /// budget over any window stays burst + rate × window.
    /// </summary>
    public void Return(int unspent)
    {
        Refill();
        _tokens = Math.Min(burst, _tokens + Math.Max(unspent, 0));
    }

    private void Refill()
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + time.GetElapsedTime(_lastRefill, now).TotalSeconds * perSecond);
        _lastRefill = now;
    }
}
