using Chat.Grains.Attachments;
using Microsoft.Extensions.Options;

namespace Chat.Silo.Hosting;

/// <summary>
/// Deletes uploads that no message carries once they are older than <see cref="AttachmentCleanupOptions.UnpostedMaxAge"/>,
/// every <see cref="AttachmentCleanupOptions.SweepInterval"/>. Every silo sweeps; the deletes are idempotent, and an
/// upload claimed by a send meanwhile is kept (the store deletes only rows still unposted). A failed sweep is logged and
/// tried again at the next tick.
/// </summary>
public sealed partial class AttachmentCleanup(
    IAttachmentStore store, IOptions<AttachmentCleanupOptions> options, TimeProvider time, ILogger<AttachmentCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var before = (time.GetUtcNow() - options.Value.UnpostedMaxAge).ToUnixTimeMilliseconds();
                if (await store.DeleteUnpostedAsync(before, stoppingToken) is > 0 and var deleted)
                {
                    LogDeleted(logger, deleted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} uploads that were never posted")]
    private static partial void LogDeleted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting unposted uploads failed; trying again at the next sweep")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
