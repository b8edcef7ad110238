using MySqlConnector;

namespace Chat.Silo.Storage;

/// <summary>
/// Applies pending <see cref="Migrations"/> at start-up, before the silo starts: idempotent, and safe when several
/// silos start at once (they serialize on a named database lock). Waits for the database to come up, within bounds.
/// </summary>
public sealed partial class SchemaMigrator(MySqlDataSource dataSource, ILogger<SchemaMigrator> logger) : IHostedService
{
    private const string LockName = "chat_orleans_schema";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartupTimeout);
        await using var connection = await OpenWithRetryAsync(timeout.Token);
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INT          NOT NULL PRIMARY KEY,
                name       VARCHAR(200) NOT NULL,
                applied_at DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP
            ) ENGINE=InnoDB
            """, timeout.Token);

        if (Convert.ToInt32(await ScalarAsync(connection, $"SELECT GET_LOCK('{LockName}', 60)", timeout.Token)) != 1)
        {
            throw new InvalidOperationException("Could not take the schema migration lock within 60 s.");
        }
        try
        {
            var applied = new HashSet<int>();
            await using (var command = new MySqlCommand("SELECT version FROM schema_migrations", connection))
            await using (var reader = await command.ExecuteReaderAsync(timeout.Token))
            {
                while (await reader.ReadAsync(timeout.Token))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }
            foreach (var migration in Migrations.All.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
            {
                foreach (var statement in migration.Statements)
                {
                    await ExecuteAsync(connection, statement, timeout.Token);
                }
                await using var record = new MySqlCommand("INSERT INTO schema_migrations (version, name) VALUES (@v, @n)", connection);
                record.Parameters.AddWithValue("@v", migration.Version);
                record.Parameters.AddWithValue("@n", migration.Name);
                await record.ExecuteNonQueryAsync(timeout.Token);
                LogApplied(logger, migration.Version, migration.Name);
            }
            LogSchemaReady(logger, Migrations.All.Max(m => m.Version));
        }
        finally
        {
            await ScalarAsync(connection, $"SELECT RELEASE_LOCK('{LockName}')", CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<MySqlConnection> OpenWithRetryAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                return await dataSource.OpenConnectionAsync(cancellationToken);
            }
            catch (MySqlException ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogWaiting(logger, ex.Message, delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 4000));
            }
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
