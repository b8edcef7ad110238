using Orleans.Streams;

namespace Chat.Gateway.Fanout;

/// <summary>
/// One key's stream subscription on this gateway and the local sinks it feeds. Each event is handed to every sink in
/// stream order; a sink that cannot keep up is dropped (it ends itself and resumes by seq). The subscription can be
/// lost with a silo: <see cref="VerifyAsync"/> makes it again and tells the sinks they may have missed events.
/// </summary>
internal sealed class StreamFeed<TEvent>(string key, IAsyncStream<TEvent> stream, StreamFeeds<TEvent> owner, IFeedKind<TEvent> kind)
    : IAsyncObserver<TEvent>
{
    private readonly SemaphoreSlim _handleLock = new(1, 1);
    private StreamSubscriptionHandle<TEvent>? _handle;
    private volatile IFeedSink<TEvent>[] _sinks = [];
    private bool _closed;

    public string Key { get; } = key;

    /// <summary>Completes when the stream subscription exists; faults if it could not be made.</summary>
    public Task Ready { get; private set; } = Task.CompletedTask;

    /// <summary>Sinks are added and removed under the owner's lock; events read the array without locking.</summary>
    public bool IsEmpty => _sinks.Length == 0;

    public void Add(IFeedSink<TEvent> sink) => _sinks = [.. _sinks, sink];

    public bool Remove(IFeedSink<TEvent> sink)
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

    public Task OnNextAsync(TEvent item, StreamSequenceToken? token = null)
    {
        var sinks = _sinks;
        kind.Delivering(Key, item, sinks.Length);
        foreach (var sink in sinks)
        {
            bool accepted;
            try
            {
                accepted = sink.TryWrite(item);
            }
            catch (Exception exception)
            {
                kind.SinkFailed(Key, exception);
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
        kind.StreamError(Key, ex);
        _ = VerifyAsync();
        return Task.CompletedTask;
    }

    /// <summary>Subscribes again if the cluster no longer knows this gateway's subscription (it can be lost with a silo).</summary>
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
            kind.Resubscribing(Key);
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
                kind.Unsubscribed(Key);
                await handle.UnsubscribeAsync();
            }
        }
        catch (Exception exception)
        {
            // The subscription dies with this gateway's client anyway; a leftover costs one dropped delivery per event.
            kind.UnsubscribeFailed(Key, exception.Message);
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
            kind.Subscribed(Key);
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
}
