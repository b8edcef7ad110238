using MySqlConnector;

namespace Chat.Testing;

/// <summary>
/// The real MariaDB and Redis that <c>scripts/infra.sh up</c> started (the README's test command does it).
/// Each test fixture gets a database of its own, so fixtures and parallel checkouts never see each other's data.
/// </summary>
public static class TestInfrastructure
{
    /// <summary>A server-level connection string (no database) with the right to create databases.</summary>
    public static string MySqlAdminConnectionString => Require("CHAT_MYSQL_ADMIN");

    public static string RedisConnectionString => Require("ConnectionStrings__Redis");

    /// <summary>Creates an empty database and returns a connection string to it; drop it with <see cref="DropDatabaseAsync"/>.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "chat_t")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 64)];
        await using var connection = new MySqlConnection(MySqlAdminConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            $"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", connection);
        await command.ExecuteNonQueryAsync();
        return new MySqlConnectionStringBuilder(MySqlAdminConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new MySqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new MySqlConnection(MySqlAdminConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"DROP DATABASE IF EXISTS `{name}`", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A cluster id no other fixture uses, so Redis membership tables never mix.</summary>
    public static string NewClusterId() => $"test-{Guid.NewGuid():N}";

    /// <summary>A free TCP port on loopback (for silo, gateway and Kestrel endpoints).</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Integration tests need the real MariaDB and Redis: run them through scripts/test.sh, " +
                "or `eval \"$(scripts/infra.sh up)\"` first.");
}
