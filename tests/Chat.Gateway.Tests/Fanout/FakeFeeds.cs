using Chat.Gateway.Fanout;
using Chat.Rooms;

namespace Chat.Gateway.Tests.Fanout;

/// <summary>
/// Room subscriptions without a cluster, keeping <see cref="IRoomFeeds"/>' contract as the real feed does: a sink that
/// refuses an event (false) or throws is dropped for good.
/// </summary>
internal sealed class FakeFeeds : IRoomFeeds
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<IRoomEventSink>> _sinks = [];

    public Task<IAsyncDisposable> SubscribeAsync(string roomId, IRoomEventSink sink, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            (_sinks.TryGetValue(roomId, out var sinks) ? sinks : _sinks[roomId] = []).Add(sink);
        }
        return Task.FromResult<IAsyncDisposable>(new Subscription(this, roomId, sink));
    }

    public int Subscribers(string roomId)
    {
        lock (_gate)
        {
            return _sinks.TryGetValue(roomId, out var sinks) ? sinks.Count : 0;
        }
    }

    /// <summary>One event of the room's stream, handed to each sink in order.</summary>
    public void Publish(RoomEvent roomEvent)
    {
        IRoomEventSink[] sinks;
        lock (_gate)
        {
            sinks = _sinks.TryGetValue(roomEvent.RoomId, out var list) ? [.. list] : [];
        }
        foreach (var sink in sinks)
        {
            bool accepted;
            try
            {
                accepted = sink.TryWrite(roomEvent);
            }
            catch (Exception)
            {
                accepted = false;
            }
            if (!accepted)
            {
                Remove(roomEvent.RoomId, sink);
            }
        }
    }

    private void Remove(string roomId, IRoomEventSink sink)
    {
        lock (_gate)
        {
            if (_sinks.TryGetValue(roomId, out var sinks))
            {
                sinks.Remove(sink);
            }
        }
    }

    private sealed class Subscription(FakeFeeds feeds, string roomId, IRoomEventSink sink) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            feeds.Remove(roomId, sink);
            return ValueTask.CompletedTask;
        }
    }
}
