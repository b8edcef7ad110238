using System.Collections.Concurrent;
using Chat.Errors;

namespace Chat.Gateway.Presence;

/// <summary>
/// The gateway's half of the typing throttle: a user whose indicator for a room was relayed less than
/// <see cref="ChatRules.TypingInterval"/> ago, from any of their connections here, is swallowed without a grain call.
/// The room grain applies the same interval across gateways; this only spares it the chatter of one gateway.
/// </summary>
public sealed class TypingThrottle(TimeProvider time)
{
    /// <summary>Beyond this many remembered (user, room) pairs, those whose interval has passed are forgotten.</summary>
    private const int PruneThreshold = 10_000;

    private readonly ConcurrentDictionary<(string UserId, string RoomId), long> _relayed = new();

    /// <summary>True when the room grain should be asked: nothing from this user in this room was relayed recently here.</summary>
    public bool ShouldAsk(string userId, string roomId) =>
        !_relayed.TryGetValue((userId, roomId), out var last) || Now - last >= IntervalMs;

    /// <summary>The room grain relayed (or throttled) an indicator of this user just now.</summary>
    public void Record(string userId, string roomId)
    {
        var now = Now;
        if (_relayed.Count >= PruneThreshold)
        {
            foreach (var stale in _relayed.Where(pair => now - pair.Value >= IntervalMs))
            {
                _relayed.TryRemove(stale);
            }
        }
        _relayed[(userId, roomId)] = now;
    }

    private static long IntervalMs => (long)ChatRules.TypingInterval.TotalMilliseconds;

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();
}
