using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace Chat.Grains.Storage;

/// <summary>
/// Connections to one MySQL/MariaDB database from MySqlConnector's pool, and the one rule for a lost connection.
/// The pool hands out idle connections without a round trip to check them (<c>ConnectionReset=false</c> keeps the
/// hot path at one round trip per write), so after the server restarts every idle connection is dead and would fail
/// its next request. <see cref="RunAsync{T}"/> therefore treats a lost connection (<see cref="MySqlFailures"/>) by
/// emptying the pool — every idle connection died the same way — and running the unit of work once more on a fresh
/// connection. Guaranteed: at most two attempts, the second on a connection opened after the pool was emptied.
/// </summary>
public sealed partial class MySqlConnections(string connectionString, ILogger<MySqlConnections> logger)
{
    private int _generation;

    public string ConnectionString { get; } = connectionString;

    /// <summary>An open connection (from the pool when one is idle).</summary>
    public async Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new MySqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a pooled connection. If the connection turns out to be lost, the pool is emptied
    /// and <paramref name="retry"/> runs once on a fresh connection: it must be safe to run after <paramref name="work"/>
    /// may or may not have taken effect (a read, or a write that first finds out what the lost attempt did).
    /// </summary>
    public async Task<T> RunAsync<T>(Func<MySqlConnection, Task<T>> work, Func<MySqlConnection, Task<T>> retry, CancellationToken cancellationToken = default)
    {
        var generation = Volatile.Read(ref _generation);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await work(connection);
        }
        catch (Exception exception) when (MySqlFailures.IsConnectionLost(exception) && !cancellationToken.IsCancellationRequested)
        {
            LogConnectionLost(logger, exception.GetType().Name, exception.Message);
            await DiscardIdleAsync(generation);
        }
        await using var fresh = await OpenAsync(cancellationToken);
        return await retry(fresh);
    }

    /// <summary>
    /// Empties the pool, once per failure wave: many requests that fail together on connections of the same generation
    /// clear it once; a failure of a connection opened after that clear (the server went away again) clears it again.
    /// </summary>
    public async Task DiscardIdleAsync(int? seenGeneration = null)
    {
        var generation = seenGeneration ?? Volatile.Read(ref _generation);
        if (Interlocked.CompareExchange(ref _generation, generation + 1, generation) != generation)
        {
            return;
        }
        await using var connection = new MySqlConnection(ConnectionString);
        await MySqlConnection.ClearPoolAsync(connection);
        LogPoolCleared(logger);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MySQL connection lost ({ExceptionType}: {Reason}); emptying the pool and retrying once on a fresh connection")]
    private static partial void LogConnectionLost(ILogger logger, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "MySQL connection pool emptied")]
    private static partial void LogPoolCleared(ILogger logger);
}
