using Chat.Grains.Storage;
using Chat.Silo.Storage;
using Chat.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Grains.Tests.Integration;

/// <summary>A database of its own on the shared MariaDB, migrated as a silo migrates it at start-up; dropped on dispose.</summary>
internal sealed class MigratedDatabase(string connectionString) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;

    public MySqlConnections Connections { get; } = new(connectionString, NullLogger<MySqlConnections>.Instance);

    public static async Task<MigratedDatabase> CreateAsync(string prefix)
    {
        var database = new MigratedDatabase(await TestInfrastructure.CreateDatabaseAsync(prefix));
        await new SchemaMigrator(database.Connections, NullLogger<SchemaMigrator>.Instance).StartAsync(CancellationToken.None);
        return database;
    }

    public async ValueTask DisposeAsync() => await TestInfrastructure.DropDatabaseAsync(ConnectionString);
}
