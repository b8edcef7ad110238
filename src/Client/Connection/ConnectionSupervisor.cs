using Microsoft.Extensions.Logging;

namespace Chat.Client.Connection;

/// <summary>
/// Keeps one connection alive, for ever: connects, and when the connection is lost connects again to the next
/// endpoint in turn, after a capped exponential back-off (the first attempt is immediate). A refused token is
/// renewed once through <c>renewToken</c>; refused again, the supervisor gives up and every waiter fails with
/// <see cref="ChatError.Unauthorized"/>.
/// </summary>
internal sealed partial class ConnectionSupervisor : IAsyncDisposable
{
    private readonly IChatConnector _connector;
    private readonly ChatClientOptions _options;
    private readonly IChatConnectionEvents _events;
    private readonly Func<CancellationToken, Task<string>> _token;
    private readonly Func<CancellationToken, Task<bool>> _renewToken;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource<IChatConnection> _next = NewWaiter();
    private Task? _loop;

    public ConnectionSupervisor(
        IChatConnector connector,
        ChatClientOptions options,
        IChatConnectionEvents events,
        Func<CancellationToken, Task<string>> token,
        Func<CancellationToken, Task<bool>> renewToken)
    {
        _connector = connector;
        _options = options;
        _events = events;
        _token = token;
        _renewToken = renewToken;
        _logger = options.LoggerFactory.CreateLogger<ConnectionSupervisor>();
    }

    /// <summary>Raised on every new connection (the first and each reconnection), before callers waiting for it resume.</summary>
    public event Action<IChatConnection>? Connected;

    /// <summary>Raised when a connection is lost; a new one is being made.</summary>
    public event Action<Uri, Exception?>? Disconnected;

    /// <summary>The live connection, or null while (re)connecting.</summary>
    public IChatConnection? Current => _next.Task.IsCompletedSuccessfully ? _next.Task.Result : null;

    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>
    /// The live connection; waits while there is none. With <paramref name="lost"/> (a connection a call just failed
    /// on) it waits for a newer one, so a retry never lands on the connection that is going away.
    /// </summary>
    public async Task<IChatConnection> WaitForConnectionAsync(IChatConnection? lost, CancellationToken cancellationToken)
    {
        while (true)
        {
            var connection = await _next.Task.WaitAsync(cancellationToken);
            if (!ReferenceEquals(connection, lost) && !connection.Closed.IsCompleted)
            {
                return connection;
            }
            // The supervisor replaces a closed connection right after it learns of it; give it that moment.
            await connection.Closed.WaitAsync(cancellationToken);
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
        if (Current is { } connection)
        {
            await connection.DisposeAsync();
        }
        _next.TrySetException(new ObjectDisposedException(nameof(ChatClient)));
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var endpoint = 0;
        var attempt = 0;
        var renewed = false;
        while (!stop.IsCancellationRequested)
        {
            var uri = _options.Endpoints[endpoint];
            IChatConnection connection;
            try
            {
                await Task.Delay(Backoff.Delay(attempt, _options.InitialReconnectDelay, _options.MaxReconnectDelay), stop);
                connection = await _connector.ConnectAsync(uri, await _token(stop), _events, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (ChatClientException exception) when (exception.Error == ChatError.Unauthorized)
            {
                if (renewed || !await TryRenewTokenAsync(stop))
                {
                    LogGaveUp(_logger, uri, exception.Message);
                    _next.TrySetException(exception);
                    return;
                }
                renewed = true;
                continue;
            }
            catch (Exception exception)
            {
                attempt++;
                endpoint = (endpoint + 1) % _options.Endpoints.Count;
                LogConnectFailed(_logger, uri, attempt, exception.Message);
                continue;
            }

            attempt = 0;
            renewed = false;
            LogConnected(_logger, uri);
            Connected?.Invoke(connection);
            _next.TrySetResult(connection);

            Exception? cause;
            try
            {
                cause = await connection.Closed.WaitAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _next = NewWaiter();
            await connection.DisposeAsync();
            LogDisconnected(_logger, uri, cause?.Message ?? "closed");
            Disconnected?.Invoke(uri, cause);
            // Try another gateway first: the one just lost may be the one that is down.
            endpoint = (endpoint + 1) % _options.Endpoints.Count;
        }
    }

    private async Task<bool> TryRenewTokenAsync(CancellationToken stop)
    {
        try
        {
            return await _renewToken(stop);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogRenewFailed(_logger, exception.Message);
            return false;
        }
    }

    private static TaskCompletionSource<IChatConnection> NewWaiter() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to {Endpoint}")]
    private static partial void LogConnected(ILogger logger, Uri endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the connection to {Endpoint} ({Reason}); reconnecting")]
    private static partial void LogDisconnected(ILogger logger, Uri endpoint, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not connect to {Endpoint} (attempt {Attempt}): {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, Uri endpoint, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the access token: {Reason}")]
    private static partial void LogRenewFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Endpoint} refused the access token; the client stops connecting: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, Uri endpoint, string reason);
}
