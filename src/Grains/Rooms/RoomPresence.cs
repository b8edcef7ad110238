using System.Collections.Immutable;
using Chat.Rooms;

namespace Chat.Grains.Rooms;

/// <summary>
/// Who is online in one room, counted per connection: a user with two tabs who closes one stays online.
/// Connections are grouped by gateway so that a gateway whose lease lapsed can be dropped at once.
/// Not thread-safe: owned by one room grain.
/// </summary>
public sealed class RoomPresence
{
    private readonly Dictionary<string, Dictionary<string, ConnectionPresence>> _byGateway = [];
    private readonly Dictionary<string, (string Username, int Connections)> _users = [];

    public int ConnectionCount => _byGateway.Values.Sum(c => c.Count);

    public ImmutableArray<OnlineUser> OnlineUsers =>
        _users.Select(u => new OnlineUser(u.Key, u.Value.Username)).OrderBy(u => u.Username, StringComparer.OrdinalIgnoreCase).ToImmutableArray();

    public IReadOnlyCollection<string> Gateways => _byGateway.Keys;

    /// <summary>Adds a connection; returns the user when this is their first connection (they just came online).</summary>
    public OnlineUser? Add(ConnectionPresence connection)
    {
        if (!_byGateway.TryGetValue(connection.GatewayId, out var connections))
        {
            _byGateway[connection.GatewayId] = connections = [];
        }
        if (!connections.TryAdd(connection.ConnectionId, connection))
        {
            return null; // already joined: joining twice is a no-op
        }
        if (_users.TryGetValue(connection.UserId, out var user))
        {
            _users[connection.UserId] = (user.Username, user.Connections + 1);
            return null;
        }
        _users[connection.UserId] = (connection.Username, 1);
        return new OnlineUser(connection.UserId, connection.Username);
    }

    /// <summary>Removes a connection; returns the user when it was their last (they just went offline).</summary>
    public OnlineUser? Remove(string gatewayId, string connectionId)
    {
        if (!_byGateway.TryGetValue(gatewayId, out var connections) || !connections.Remove(connectionId, out var connection))
        {
            return null;
        }
        if (connections.Count == 0)
        {
            _byGateway.Remove(gatewayId);
        }
        return Release(connection.UserId);
    }

    /// <summary>Removes every connection of a gateway; returns the users who went offline.</summary>
    public IReadOnlyList<OnlineUser> RemoveGateway(string gatewayId)
    {
        if (!_byGateway.Remove(gatewayId, out var connections))
        {
            return [];
        }
        var left = new List<OnlineUser>();
        foreach (var connection in connections.Values)
        {
            if (Release(connection.UserId) is { } user)
            {
                left.Add(user);
            }
        }
        return left;
    }

    /// <summary>Makes a gateway's connections exactly <paramref name="connections"/>; returns who came online and who went offline.</summary>
    public (IReadOnlyList<OnlineUser> Joined, IReadOnlyList<OnlineUser> Left) ReplaceGateway(string gatewayId, IEnumerable<ConnectionPresence> connections)
    {
        var wanted = connections.Where(c => c.GatewayId == gatewayId).ToDictionary(c => c.ConnectionId);
        var current = _byGateway.TryGetValue(gatewayId, out var existing) ? existing.Keys.ToList() : [];
        var joined = new List<OnlineUser>();
        var left = new List<OnlineUser>();
        // Add before removing, so a user who only moved between connections never flickers offline.
        foreach (var connection in wanted.Values)
        {
            if (Add(connection) is { } user)
            {
                joined.Add(user);
            }
        }
        foreach (var connectionId in current.Where(id => !wanted.ContainsKey(id)))
        {
            if (Remove(gatewayId, connectionId) is { } user)
            {
                left.Add(user);
            }
        }
        return (joined, left);
    }

    /// <summary>Removes every connection of one user (they lost access); returns the user if they were online.</summary>
    public OnlineUser? RemoveUser(string userId)
    {
        OnlineUser? left = null;
        foreach (var (gatewayId, connections) in _byGateway.ToArray())
        {
            foreach (var connection in connections.Values.Where(c => c.UserId == userId).ToArray())
            {
                left = Remove(gatewayId, connection.ConnectionId) ?? left;
            }
        }
        return left;
    }

    private OnlineUser? Release(string userId)
    {
        var (username, count) = _users[userId];
        if (count > 1)
        {
            _users[userId] = (username, count - 1);
            return null;
        }
        _users.Remove(userId);
        return new OnlineUser(userId, username);
    }
}
