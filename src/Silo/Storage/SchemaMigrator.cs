using Chat.Grains.Storage;
using MySqlConnector;

namespace Chat.Silo.Storage;

/// <summary>
/// Applies pending <see cref="Migrations"/> at start-up, before the silo starts: idempotent, and safe when several
/// silos start at once (they serialize on a named database lock). Waits for the database to come up, within bounds;
/// a connection lost half-way (the database restarted during start-up) empties the pool and starts over: every
/// migration statement is idempotent and a migration is recorded only after all of its statements ran.
/// </summary>
public sealed partial class SchemaMigrator(MySqlConnections connections, ILogger<SchemaMigrator> logger) : IHostedService
{
    private const string LockName = "chat_orleans_schema";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartupTimeout);
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            var opened = false;
            try
            {
                await using var connection = await connections.OpenAsync(timeout.Token);
                opened = true;
                await MigrateAsync(connection, timeout.Token);
                return;
            }
            catch (Exception ex) when (!timeout.IsCancellationRequested && ((!opened && ex is MySqlException) || MySqlFailures.IsConnectionLost(ex)))
            {
                // Not up yet (refused, or its users not created yet), or it went away half-way.
                LogWaiting(logger, ex.Message, delay.TotalMilliseconds);
                await connections.DiscardIdleAsync();
            }
            await Task.Delay(delay, timeout.Token);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 4000));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task MigrateAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INT          NOT NULL PRIMARY KEY,
                name       VARCHAR(200) NOT NULL,
                applied_at DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP
            ) ENGINE=InnoDB
            """, cancellationToken);

        if (Convert.ToInt32(await ScalarAsync(connection, $"SELECT GET_LOCK('{LockName}', 60)", cancellationToken)) != 1)
        {
            throw new InvalidOperationException("Could not take the schema migration lock within 60 s.");
        }
        try
        {
            var applied = new HashSet<int>();
            await using (var command = new MySqlCommand("SELECT version FROM schema_migrations", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }
            foreach (var migration in Migrations.All.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
            {
                foreach (var statement in migration.Statements)
                {
                    await ExecuteAsync(connection, statement, cancellationToken);
                }
                await using var record = new MySqlCommand("INSERT INTO schema_migrations (version, name) VALUES (@v, @n)", connection);
                record.Parameters.AddWithValue("@v", migration.Version);
                record.Parameters.AddWithValue("@n", migration.Name);
                await record.ExecuteNonQueryAsync(cancellationToken);
                LogApplied(logger, migration.Version, migration.Name);
            }
            LogSchemaReady(logger, Migrations.All.Max(m => m.Version));
        }
        finally
        {
            await ScalarAsync(connection, $"SELECT RELEASE_LOCK('{LockName}')", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Version} ({Name})")]
    private static partial void LogApplied(ILogger logger, int version, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is at version {Version}")]
    private static partial void LogSchemaReady(ILogger logger, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for MySQL ({Reason}); retrying in {DelayMs} ms")]
    private static partial void LogWaiting(ILogger logger, string reason, double delayMs);
}
