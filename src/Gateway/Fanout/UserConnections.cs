using System.Collections.Concurrent;
using Chat.Conversations;

namespace Chat.Gateway.Fanout;

/// <summary>
/// Every live connection on this gateway receives its user's events (<see cref="UserEvent"/>) from the moment it is
/// connected, with no room joined: it is a sink of its user's <see cref="UserFeeds"/> entry until it disconnects.
/// </summary>
public sealed class UserConnections(UserFeeds feeds, IEnumerable<IUserEventTransport> transports)
{
    private readonly IUserEventTransport[] _transports = [.. transports];
    private readonly ConcurrentDictionary<string, IAsyncDisposable> _subscriptions = new();

    /// <summary>Subscribes the connection to its user's events; throws if the subscription cannot be made (nothing is left behind).</summary>
    public async Task AttachAsync(LiveConnection connection, CancellationToken cancellationToken)
    {
        var subscription = await feeds.SubscribeAsync(connection.UserId, new ConnectionSink(connection, _transports), cancellationToken);
        if (!_subscriptions.TryAdd(connection.Id, subscription))
        {
            await subscription.DisposeAsync();
            throw new InvalidOperationException($"Connection {connection.Id} already receives its user's events.");
        }
    }

    /// <summary>The connection is gone. Idempotent; never throws.</summary>
    public async Task DetachAsync(string connectionId)
    {
        if (_subscriptions.TryRemove(connectionId, out var subscription))
        {
            await subscription.DisposeAsync();
        }
    }

    private sealed class ConnectionSink(LiveConnection connection, IUserEventTransport[] transports) : IUserEventSink
    {
        public bool TryWrite(UserEvent userEvent)
        {
            foreach (var transport in transports)
            {
                if (transport.TryDeliver(userEvent, connection))
                {
                    break;
                }
            }
            return true; // a connection too slow for it is aborted by its transport, and then detached
        }
    }
}
