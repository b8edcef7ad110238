using System.Collections.Concurrent;
using Chat.Gateway.Application;
using Chat.Gateway.Fanout;
using Chat.Rooms;

namespace Chat.Grpc.Tests.Fakes;

/// <summary>
/// Room feeds as the gateway's contract describes them: events go to every subscribed sink without blocking, a sink
/// that refuses one is dropped, and disposing a subscription removes it.
/// </summary>
internal sealed class FakeRoomFeeds : IRoomFeeds
{
    private readonly ConcurrentDictionary<string, List<IRoomEventSink>> _sinks = new();

    public int ActiveSubscriptions => _sinks.Values.Sum(list => { lock (list) { return list.Count; } });

    public Task<IAsyncDisposable> SubscribeAsync(string roomId, IRoomEventSink sink, CancellationToken cancellationToken = default)
    {
        var list = _sinks.GetOrAdd(roomId, _ => []);
        lock (list)
        {
            list.Add(sink);
        }
        return Task.FromResult<IAsyncDisposable>(new Subscription(list, sink));
    }

    /// <summary>Offers the event to every sink of its room; returns how many took it.</summary>
    public int Publish(RoomEvent roomEvent)
    {
        if (!_sinks.TryGetValue(roomEvent.RoomId, out var list))
        {
            return 0;
        }
        lock (list)
        {
            var refused = list.Where(sink => !sink.TryWrite(roomEvent)).ToList();
            list.RemoveAll(refused.Contains);
            return list.Count;
        }
    }

    /// <summary>As after a lost stream subscription was made again: tells every sink of the room.</summary>
    public void Resubscribed(string roomId)
    {
        if (_sinks.TryGetValue(roomId, out var list))
        {
            lock (list)
            {
                list.ForEach(sink => sink.OnResubscribed());
            }
        }
    }

    private sealed class Subscription(List<IRoomEventSink> list, IRoomEventSink sink) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            lock (list)
            {
                list.Remove(sink);
            }
            return ValueTask.CompletedTask;
        }
    }
}
