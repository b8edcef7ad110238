namespace Chat.Grains.Users;

/// <summary>A token bucket: <c>burst</c> tokens, refilled continuously at <c>perSecond</c>. Not thread-safe (one grain owns it).</summary>
public sealed class TokenBucket(int burst, double perSecond, TimeProvider time)
{
    private double _tokens = burst;
    private long _lastRefill = time.GetTimestamp();

    /// <summary>Takes one token, or says how long until one is available.</summary>
    public bool TryTake(out TimeSpan retryAfter)
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + time.GetElapsedTime(_lastRefill, now).TotalSeconds * perSecond);
        _lastRefill = now;
        if (_tokens >= 1)
        {
            _tokens -= 1;
            retryAfter = TimeSpan.Zero;
            return true;
        }
        retryAfter = TimeSpan.FromSeconds((1 - _tokens) / perSecond);
        return false;
    }
}
