using Chat.Gateway.Observability;
using Chat.Rooms;
using Orleans.Streams;

namespace Chat.Gateway.Fanout;

/// <summary>
/// One room's stream subscription on this gateway and the local sinks it feeds. Each event is handed to every
/// sink in stream order; a sink that cannot keep up is dropped (it ends itself and resumes by seq).
/// </summary>
internal sealed partial class RoomFeed(
    string roomId,
    IAsyncStream<RoomEvent> stream,
    RoomFeeds owner,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger logger)
    : IAsyncObserver<RoomEvent>
{
    private readonly SemaphoreSlim _handleLock = new(1, 1);
    private StreamSubscriptionHandle<RoomEvent>? _handle;
    private volatile IRoomEventSink[] _sinks = [];
    private bool _closed;

    public string RoomId { get; } = roomId;

    /// <summary>Completes when the stream subscription exists; faults if it could not be made.</summary>
    public Task Ready { get; private set; } = Task.CompletedTask;

    /// <summary>Sinks are added and removed under the owner's lock; events read the array without locking.</summary>
    public bool IsEmpty => _sinks.Length == 0;

    public void Add(IRoomEventSink sink) => _sinks = [.. _sinks, sink];

    public bool Remove(IRoomEventSink sink)
    {
        var sinks = _sinks;
        var index = Array.IndexOf(sinks, sink);
        if (index < 0)
        {
            return false;
        }
        _sinks = [.. sinks[..index], .. sinks[(index + 1)..]];
        return true;
    }

    public void Start() => Ready = SubscribeAsync();

    public Task OnNextAsync(RoomEvent item, StreamSequenceToken? token = null)
    {
        LogEvent(logger, RoomId, item.Kind, _sinks.Length);
        if (item is { Kind: RoomEventKind.NewMessage, Message: { } message })
        {
            metrics.RecordDeliveryLatency(time.GetUtcNow().ToUnixTimeMilliseconds() - message.CreatedAt);
        }
        foreach (var sink in _sinks)
        {
            bool accepted;
            try
            {
                accepted = sink.TryWrite(item);
            }
            catch (Exception exception)
            {
                LogSinkFailed(logger, exception, RoomId);
                accepted = false;
            }
            if (!accepted)
            {
                _ = owner.RemoveAsync(this, sink).AsTask();
            }
        }
        return Task.CompletedTask;
    }

    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(logger, ex, RoomId);
        _ = VerifyAsync();
        return Task.CompletedTask;
    }

    /// <summary>Re-subscribes if the cluster no longer knows this gateway's subscription (it can be lost with a silo).</summary>
    public async Task VerifyAsync()
    {
        await _handleLock.WaitAsync();
        try
        {
            if (_closed || _handle is null)
            {
                return;
            }
            var handles = await stream.GetAllSubscriptionHandles();
            if (handles.Any(handle => handle.HandleId == _handle.HandleId))
            {
                return;
            }
            LogResubscribing(logger, RoomId);
            _handle = await stream.SubscribeAsync(this);
        }
        finally
        {
            _handleLock.Release();
        }

        foreach (var sink in _sinks)
        {
            sink.OnResubscribed();
        }
    }

    public async Task CloseAsync()
    {
        await _handleLock.WaitAsync();
        try
        {
            _closed = true;
            if (_handle is { } handle)
            {
                _handle = null;
                metrics.RoomUnsubscribed();
                await handle.UnsubscribeAsync();
            }
        }
        catch (Exception exception)
        {
            // The subscription dies with this gateway's client anyway; a leftover costs one dropped delivery per event.
            LogUnsubscribeFailed(logger, RoomId, exception.Message);
        }
        finally
        {
            _handleLock.Release();
        }
    }

    private async Task SubscribeAsync()
    {
        await _handleLock.WaitAsync();
        try
        {
            _handle = await stream.SubscribeAsync(this);
            metrics.RoomSubscribed();
        }
        catch
        {
            owner.Forget(this);
            throw;
        }
        finally
        {
            _handleLock.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Trace, Message = "Room {RoomId}: {Kind} for {SinkCount} local consumers")]
    private static partial void LogEvent(ILogger logger, string roomId, RoomEventKind kind, int sinkCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "A live consumer of room {RoomId} failed; it is dropped")]
    private static partial void LogSinkFailed(ILogger logger, Exception exception, string roomId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stream of room {RoomId} reported an error; checking the subscription")]
    private static partial void LogStreamError(ILogger logger, Exception exception, string roomId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The subscription to room {RoomId} was lost; subscribing again")]
    private static partial void LogResubscribing(ILogger logger, string roomId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not unsubscribe from room {RoomId}: {Reason}")]
    private static partial void LogUnsubscribeFailed(ILogger logger, string roomId, string reason);
}
