using Chat.Errors;
using Chat.Rooms;

namespace Chat.Grains.Rooms;

// Typing indicators: checked and throttled here, the one place every connection and gateway of a user meets, then
// relayed on the room's stream. Nothing is stored.
public sealed partial class RoomGrain : IRoomTyping
{
    /// <summary>Beyond this many remembered typers, those whose interval has passed are forgotten.</summary>
    private const int TypersPruneThreshold = 1024;

    /// <summary>User id → when their last indicator was relayed (Unix ms).</summary>
    private readonly Dictionary<string, long> _typers = new(StringComparer.Ordinal);

    public async Task<bool> Typing(string userId, string username)
    {
        RequireAccess(userId);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var interval = (long)ChatRules.TypingInterval.TotalMilliseconds;
        if (_typers.TryGetValue(userId, out var last) && now - last < interval)
        {
            return false;
        }
        if (_typers.Count >= TypersPruneThreshold)
        {
            foreach (var stale in _typers.Where(t => now - t.Value >= interval).Select(t => t.Key).ToList())
            {
                _typers.Remove(stale);
            }
        }
        _typers[userId] = now;
        await _events.PublishPresence(RoomEventKind.UserTyping, new OnlineUser(userId, username));
        return true;
    }
}
