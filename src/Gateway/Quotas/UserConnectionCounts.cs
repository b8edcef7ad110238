using System.Collections.Concurrent;
using Chat.Errors;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Quotas;

/// <summary>What a per-user connection count counts.</summary>
public enum ConnectionKind
{
    /// <summary>Hub and <c>/ws</c> connections.</summary>
    Live,

    /// <summary>gRPC <c>Subscribe</c> streams.</summary>
    Subscribe,
}

/// <summary>
/// Open connections per user on this gateway, so that one account cannot hold an unbounded share of its sockets and
/// memory. A slot is taken when a connection opens and given back when it closes (disposing the handle).
/// </summary>
public sealed class UserConnectionCounts(IOptions<QuotaOptions> options)
{
    private readonly ConcurrentDictionary<(string UserId, ConnectionKind Kind), int> _counts = new();

    /// <summary>Takes a slot, or throws <c>rate_limited</c> when the user holds the most allowed here.</summary>
    public IDisposable Acquire(string userId, ConnectionKind kind)
    {
        var limit = kind == ConnectionKind.Live ? options.Value.ConnectionsPerUser : options.Value.SubscribesPerUser;
        var key = (userId, kind);
        while (true)
        {
            var count = _counts.GetValueOrDefault(key);
            if (count >= limit)
            {
                throw new ChatException(ChatErrorCode.RateLimited,
                    $"Too many open {(kind == ConnectionKind.Live ? "live connections" : "Subscribe streams")}: at most {limit} per user on each gateway; close one first.",
                    QuotaOptions.ConnectionRetryAfter);
            }
            if (count == 0 ? _counts.TryAdd(key, 1) : _counts.TryUpdate(key, count + 1, count))
            {
                return new Slot(this, key);
            }
        }
    }

    private void Release((string, ConnectionKind) key)
    {
        while (true)
        {
            var count = _counts.GetValueOrDefault(key);
            if (count <= 1
                ? _counts.TryRemove(new KeyValuePair<(string, ConnectionKind), int>(key, count)) || count == 0
                : _counts.TryUpdate(key, count - 1, count))
            {
                return;
            }
        }
    }

    private sealed class Slot(UserConnectionCounts owner, (string, ConnectionKind) key) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(key);
            }
        }
    }
}
