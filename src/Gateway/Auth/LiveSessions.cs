using System.Collections.Concurrent;

namespace Chat.Gateway.Auth;

/// <summary>
/// This gateway's live connections (hub, <c>/ws</c>, gRPC <c>Subscribe</c>) by sign-in session, so that a session's
/// end closes them: each registers how it closes itself, with a reason its client can show. Also remembers sessions
/// ended in the last minute, so that a connection whose token was checked just before its session ended (and thus
/// registers after the announcement) is closed at once too.
/// </summary>
public sealed class LiveSessions(TimeProvider time)
{
    private static readonly TimeSpan RecentlyEndedWindow = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<long, Action<string>>> _bySession = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, string Reason)> _recentlyEnded = new(StringComparer.Ordinal);
    private long _nextId;

    /// <summary>
    /// Tracks a live connection of <paramref name="sessionId"/> until the returned handle is disposed.
    /// <paramref name="close"/> runs at most once, from any thread, and must not block.
    /// </summary>
    public IDisposable Track(string? sessionId, Action<string> close)
    {
        if (sessionId is null)
        {
            return NoTracking.Instance;
        }
        var id = Interlocked.Increment(ref _nextId);
        var connections = _bySession.GetOrAdd(sessionId, _ => new ConcurrentDictionary<long, Action<string>>());
        connections[id] = close;
        if (_recentlyEnded.TryGetValue(sessionId, out var ended) && connections.TryRemove(id, out _))
        {
            close(ended.Reason);
        }
        return new Registration(this, sessionId, id);
    }

    /// <summary>Closes every live connection of the session on this gateway; returns how many.</summary>
    public int End(string sessionId, string reason)
    {
        var now = time.GetUtcNow();
        _recentlyEnded[sessionId] = (now, reason);
        foreach (var (id, at) in _recentlyEnded)
        {
            if (now - at.At > RecentlyEndedWindow)
            {
                _recentlyEnded.TryRemove(id, out _);
            }
        }

        if (!_bySession.TryRemove(sessionId, out var connections))
        {
            return 0;
        }
        var closed = 0;
        foreach (var id in connections.Keys)
        {
            if (connections.TryRemove(id, out var close))
            {
                close(reason);
                closed++;
            }
        }
        return closed;
    }

    private void Release(string sessionId, long id)
    {
        if (_bySession.TryGetValue(sessionId, out var connections) && connections.TryRemove(id, out _) && connections.IsEmpty)
        {
            // A connection added between the check and the removal re-creates the set on its own (GetOrAdd).
            _bySession.TryRemove(new KeyValuePair<string, ConcurrentDictionary<long, Action<string>>>(sessionId, connections));
        }
    }

    private sealed class Registration(LiveSessions owner, string sessionId, long id) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(sessionId, id);
            }
        }
    }

    private sealed class NoTracking : IDisposable
    {
        public static readonly NoTracking Instance = new();

        public void Dispose()
        {
        }
    }
}
