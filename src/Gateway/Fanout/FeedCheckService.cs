using Microsoft.Extensions.Options;

namespace Chat.Gateway.Fanout;

/// <summary>
/// Runs a check of this gateway's feeds every <see cref="FanoutOptions.CheckInterval"/>. A failed pass is logged and
/// the next one runs as planned: only shutdown ends the checker.
/// </summary>
public abstract class FeedCheckService(IOptions<FanoutOptions> options, TimeProvider time) : BackgroundService
{
    /// <summary>One pass: repair what the cluster lost since the last one.</summary>
    protected abstract Task CheckAsync(CancellationToken cancellationToken);

    /// <summary>Logs a pass that failed (each kind of check in its own words and category).</summary>
    protected abstract void PassFailed(string reason);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                PassFailed(exception.Message);
            }
        }
    }
}
