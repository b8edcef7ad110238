using Chat.Rooms;
using Chat.Sessions;
using Orleans.Streams;

namespace Chat.Gateway.Auth;

/// <summary>
/// Subscribes this gateway to the cluster's broadcast of ended sessions and closes their live connections here
/// (<see cref="LiveSessions"/>). Memory stream subscriptions can be lost with a silo, so the subscription is checked
/// every <see cref="CheckInterval"/> and made again when the cluster no longer knows it; a revocation missed meanwhile
/// still stops the session's tokens at their next check and its connections at their token's expiry.
/// </summary>
public sealed partial class SessionRevocationListener(
    IClusterClient cluster,
    LiveSessions sessions,
    TimeProvider time,
    ILogger<SessionRevocationListener> logger) : BackgroundService, IAsyncObserver<SessionRevoked>
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(10);

    private IAsyncStream<SessionRevoked>? _stream;
    private StreamSubscriptionHandle<SessionRevoked>? _handle;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _stream = cluster.GetStreamProvider(ChatStreams.ProviderName)
            .GetStream<SessionRevoked>(StreamId.Create(SessionStreams.Namespace, SessionStreams.Key));
        // Before the gateway serves anything: no connection opens unwatched.
        _handle = await _stream.SubscribeAsync(this).WaitAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            if (_handle is { } handle)
            {
                await handle.UnsubscribeAsync().WaitAsync(cancellationToken);
            }
        }
        catch (Exception exception)
        {
            LogUnsubscribeFailed(exception.Message);
        }
    }

    public Task OnNextAsync(SessionRevoked item, StreamSequenceToken? token = null)
    {
        var closed = sessions.End(item.SessionId, item.Reason);
        LogRevoked(item.UserId, item.SessionId, closed, item.Reason);
        return Task.CompletedTask;
    }

    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(ex.Message);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var handles = await _stream!.GetAllSubscriptionHandles().WaitAsync(stoppingToken);
                if (!handles.Any(handle => handle.HandleId == _handle?.HandleId))
                {
                    LogResubscribing();
                    _handle = await _stream.SubscribeAsync(this).WaitAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogCheckFailed(exception.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} of user {UserId} ended ({Reason}): closed {ConnectionCount} live connections here")]
    private partial void LogRevoked(string userId, string sessionId, int connectionCount, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The session revocation stream reported an error: {Reason}")]
    private partial void LogStreamError(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The subscription to session revocations was lost; subscribing again")]
    private partial void LogResubscribing();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking the session revocation subscription failed: {Reason}")]
    private partial void LogCheckFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not unsubscribe from session revocations: {Reason}")]
    private partial void LogUnsubscribeFailed(string reason);
}
