using Chat.Contracts;

namespace Chat.Client.Delivery;

/// <summary>
/// Who is online in one joined room, as this client sees it: the list of the last (re)join, plus the
/// <c>UserJoined</c>/<c>UserLeft</c> deltas since. Thread-safe.
/// </summary>
internal sealed class RoomMembers
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, OnlineUserDto> _users = [];

    public IReadOnlyList<OnlineUserDto> Snapshot()
    {
        lock (_gate)
        {
            return [.. _users.Values.OrderBy(user => user.Username, StringComparer.OrdinalIgnoreCase)];
        }
    }

    /// <summary>Replaces the list (after a (re)join) and returns what changed, so the application can be told.</summary>
    public (List<OnlineUserDto> Joined, List<OnlineUserDto> Left) Reset(IEnumerable<OnlineUserDto> users)
    {
        lock (_gate)
        {
            var fresh = users.DistinctBy(user => user.UserId).ToDictionary(user => user.UserId);
            var joined = fresh.Values.Where(user => !_users.ContainsKey(user.UserId)).ToList();
            var left = _users.Values.Where(user => !fresh.ContainsKey(user.UserId)).ToList();
            _users.Clear();
            foreach (var user in fresh.Values)
            {
                _users.Add(user.UserId, user);
            }
            return (joined, left);
        }
    }

    /// <summary>True when the user was not in the list yet.</summary>
    public bool Add(OnlineUserDto user)
    {
        lock (_gate)
        {
            return _users.TryAdd(user.UserId, user);
        }
    }

    /// <summary>True when the user was in the list.</summary>
    public bool Remove(string userId)
    {
        lock (_gate)
        {
            return _users.Remove(userId);
        }
    }
}
