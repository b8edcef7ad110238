using System.Collections.Concurrent;
using Chat.Conversations;

namespace Chat.Gateway.Fanout;

/// <summary>
/// Every live connection on this gateway receives its user's events (<see cref="UserEvent"/>) with no room joined: it is
/// a sink of its user's <see cref="UserFeeds"/> entry until it disconnects.
/// </summary>
/// <remarks>
/// A connection never fails for its user events: when the subscription cannot be made within
/// <see cref="AttachTimeout"/> (the cluster is failing over), the connection is kept and attached again by the periodic
/// check (<see cref="RetryAsync"/>). Until then it misses user events, as after any lost subscription; the room list a
/// client reloads after connecting is the truth.
/// </remarks>
public sealed partial class UserConnections(UserFeeds feeds, IEnumerable<IUserEventTransport> transports, ILogger<UserConnections> logger)
{
    /// <summary>How long a connect waits for its user's subscription before it goes on without it.</summary>
    public static readonly TimeSpan AttachTimeout = TimeSpan.FromSeconds(5);

    private readonly IUserEventTransport[] _transports = [.. transports];
    private readonly ConcurrentDictionary<string, IAsyncDisposable> _subscriptions = new();
    private readonly ConcurrentDictionary<string, LiveConnection> _unattached = new();

    /// <summary>Connections waiting for their user's subscription to be made again.</summary>
    public int UnattachedCount => _unattached.Count;

    /// <summary>Subscribes the connection to its user's events (or leaves it to the periodic check, see remarks).</summary>
    public async Task AttachAsync(LiveConnection connection, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AttachTimeout);
        try
        {
            Keep(connection, await feeds.SubscribeAsync(connection.UserId, new ConnectionSink(connection, _transports), timeout.Token));
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            _unattached[connection.Id] = connection;
            LogAttachFailed(logger, connection.Id, connection.UserId, exception.Message);
        }
    }

    /// <summary>The periodic check: attaches the connections whose subscription could not be made before.</summary>
    public async Task RetryAsync(CancellationToken cancellationToken)
    {
        foreach (var connection in _unattached.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_unattached.TryRemove(connection.Id, out _))
            {
                await AttachAsync(connection, cancellationToken);
            }
        }
    }

    /// <summary>The connection is gone. Idempotent; never throws.</summary>
    public async Task DetachAsync(string connectionId)
    {
        _unattached.TryRemove(connectionId, out _);
        if (_subscriptions.TryRemove(connectionId, out var subscription))
        {
            await subscription.DisposeAsync();
        }
    }

    private void Keep(LiveConnection connection, IAsyncDisposable subscription)
    {
        if (!_subscriptions.TryAdd(connection.Id, subscription))
        {
            _ = subscription.DisposeAsync().AsTask(); // attached twice (a retry raced a first attempt): one is enough
        }
        if (connection.IsClosed)
        {
            _ = DetachAsync(connection.Id); // it disconnected while a retry attached it
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId} of user {UserId} is not yet subscribed to the user's events; the next check retries: {Reason}")]
    private static partial void LogAttachFailed(ILogger logger, string connectionId, string userId, string reason);

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
