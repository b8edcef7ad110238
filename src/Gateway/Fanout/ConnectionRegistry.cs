using System.Collections.Concurrent;

namespace Chat.Gateway.Fanout;

/// <summary>This gateway's open live connections by id. A connection is registered once and removed once.</summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, LiveConnection> _connections = new();

    public int Count => _connections.Count;

    public void Add(LiveConnection connection)
    {
        if (!_connections.TryAdd(connection.Id, connection))
        {
            throw new InvalidOperationException($"Connection {connection.Id} is already registered.");
        }
    }

    public LiveConnection Find(string connectionId) =>
        _connections.TryGetValue(connectionId, out var connection)
            ? connection
            : throw new InvalidOperationException($"Connection {connectionId} is not registered (or has closed).");

    /// <summary>Takes the connection out; false if it was not registered (already disconnected).</summary>
    public bool TryRemove(string connectionId, out LiveConnection connection) =>
        _connections.TryRemove(connectionId, out connection!);
}
