using Chat.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Hosting;

/// <summary>
/// At start-up, keeps trying to reach the cluster (with a growing pause, capped) instead of giving up: a gateway
/// that starts before its silos simply waits for them, and says so.
/// </summary>
public sealed partial class ClusterConnectionRetryFilter(IOptions<ChatClusterOptions> options, ILogger<ClusterConnectionRetryFilter> logger)
    : IClientConnectionRetryFilter
{
    private int _attempt;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        var attempt = Interlocked.Increment(ref _attempt);
        var delay = TimeSpan.FromMilliseconds(Math.Min(250 * Math.Pow(2, attempt - 1), options.Value.MaxConnectRetryDelay.TotalMilliseconds));
        LogRetry(logger, attempt, delay.TotalSeconds, exception.Message);
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster is not reachable yet (attempt {Attempt}); retrying in {DelaySeconds:0.#} s: {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, double delaySeconds, string reason);
}
