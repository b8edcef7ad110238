using System.Diagnostics;
using System.Text.RegularExpressions;
using MySqlConnector;

namespace Chat.Distributed.Harness;

/// <summary>
/// Private MariaDB and Redis servers, started by <c>scripts/infra.sh</c> on free ports in a run folder of their own
/// (<c>.run/dist</c>, <c>.run/chaos</c>): callers stop and restart them, which must never disturb the shared servers
/// other test assemblies use.
/// </summary>
internal sealed partial class PrivateInfrastructure
{
    private readonly Dictionary<string, string> _environment;

    private PrivateInfrastructure(string runDir, int mySqlPort, int redisPort)
    {
        MySqlPort = mySqlPort;
        RedisPort = redisPort;
        _environment = new()
        {
            ["CHAT_RUN_DIR"] = runDir,
            ["CHAT_MYSQL_PORT"] = mySqlPort.ToString(),
            ["CHAT_REDIS_PORT"] = redisPort.ToString(),
        };
    }

    public int MySqlPort { get; }

    public int RedisPort { get; }

    /// <summary>Server-level (no database) connection string of the application user.</summary>
    public string MySqlAdmin { get; private set; } = "";

    public string Redis { get; private set; } = "";

    public static async Task<PrivateInfrastructure> StartAsync(string runDir)
    {
        var infrastructure = new PrivateInfrastructure(runDir, FreePorts.Next(), FreePorts.Next());
        // A run that was cut short may have left servers on this data folder: stop them first.
        await infrastructure.RunAsync("down");
        await infrastructure.UpAsync();
        return infrastructure;
    }

    /// <summary>Starts whatever is not running (both at first; after a <see cref="StopAsync"/>, the one that was stopped).</summary>
    public async Task UpAsync()
    {
        var output = await RunAsync("up");
        MySqlAdmin = Export(output, "CHAT_MYSQL_ADMIN");
        Redis = Export(output, "ConnectionStrings__Redis");
    }

    /// <summary>Stops one server (<c>mysql</c> or <c>redis</c>) gracefully; its data stays for the next <see cref="UpAsync"/>.</summary>
    public Task StopAsync(string server) => RunAsync("down", server);

    public Task DownAsync() => RunAsync("down");

    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"chat_dist_{Guid.NewGuid():N}";
        await using var connection = new MySqlConnection(MySqlAdmin);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", connection);
        await command.ExecuteNonQueryAsync();
        return new MySqlConnectionStringBuilder(MySqlAdmin) { Database = name }.ConnectionString;
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new MySqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new MySqlConnection(MySqlAdmin);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"DROP DATABASE IF EXISTS `{name}`", connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepoPaths.InfraScript);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"infra.sh {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await stderr}");
        }
        return await stdout;
    }

    private static string Export(string output, string name) =>
        ExportLine().Matches(output).FirstOrDefault(m => m.Groups[1].Value == name)?.Groups[2].Value
        ?? throw new InvalidOperationException($"infra.sh up printed no {name}:\n{output}");

    [GeneratedRegex(@"^export (\w+)='([^']*)'$", RegexOptions.Multiline)]
    private static partial Regex ExportLine();
}
