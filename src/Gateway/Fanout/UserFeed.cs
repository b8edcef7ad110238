using Chat.Conversations;
using Orleans.Streams;

namespace Chat.Gateway.Fanout;

/// <summary>
/// One user's stream subscription on this gateway and the local sinks it feeds (that user's connections here). The
/// subscription is checked like a room's (<see cref="RoomFeed"/>): lost with a silo, it is made again.
/// </summary>
internal sealed partial class UserFeed(string userId, IAsyncStream<UserEvent> stream, UserFeeds owner, ILogger logger) : IAsyncObserver<UserEvent>
{
    private readonly SemaphoreSlim _handleLock = new(1, 1);
    private StreamSubscriptionHandle<UserEvent>? _handle;
    private volatile IUserEventSink[] _sinks = [];
    private bool _closed;

    public string UserId { get; } = userId;

    /// <summary>Completes when the stream subscription exists; faults if it could not be made.</summary>
    public Task Ready { get; private set; } = Task.CompletedTask;

    /// <summary>Sinks change under the owner's lock; events read the array without locking.</summary>
    public bool IsEmpty => _sinks.Length == 0;

    public void Add(IUserEventSink sink) => _sinks = [.. _sinks, sink];

    public bool Remove(IUserEventSink sink)
    {
        var sinks = _sinks;
        if (Array.IndexOf(sinks, sink) < 0)
        {
            return false;
        }
        _sinks = [.. sinks.Where(s => s != sink)];
        return true;
    }

    public void Start() => Ready = SubscribeAsync();

    public Task OnNextAsync(UserEvent item, StreamSequenceToken? token = null)
    {
        foreach (var sink in _sinks)
        {
            bool accepted;
            try
            {
                accepted = sink.TryWrite(item);
            }
            catch (Exception exception)
            {
                LogSinkFailed(logger, exception, UserId);
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
        LogStreamError(logger, ex, UserId);
        _ = VerifyAsync();
        return Task.CompletedTask;
    }

    /// <summary>Subscribes again if the cluster no longer knows this gateway's subscription.</summary>
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
            LogResubscribing(logger, UserId);
            _handle = await stream.SubscribeAsync(this);
        }
        finally
        {
            _handleLock.Release();
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
                await handle.UnsubscribeAsync();
            }
        }
        catch (Exception exception)
        {
            // The subscription dies with this gateway's client anyway; a leftover costs one dropped delivery per event.
            LogUnsubscribeFailed(logger, UserId, exception.Message);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "A live consumer of user {UserId}'s events failed; it is dropped")]
    private static partial void LogSinkFailed(ILogger logger, Exception exception, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The event stream of user {UserId} reported an error; checking the subscription")]
    private static partial void LogStreamError(ILogger logger, Exception exception, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The subscription to user {UserId}'s events was lost; subscribing again")]
    private static partial void LogResubscribing(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not unsubscribe from user {UserId}'s events: {Reason}")]
    private static partial void LogUnsubscribeFailed(ILogger logger, string userId, string reason);
}
