using System.Data.Common;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Chat.ServiceDefaults.Secrets;

/// <summary>
/// Checks the passwords inside <c>ConnectionStrings:MySql</c> and <c>ConnectionStrings:Redis</c> with
/// <see cref="SecretPolicy"/> before a host is built. Skipped in Development, and for a server on this machine
/// (localhost/loopback): only something already on the machine reaches it, and the local development servers use
/// fixed passwords. Throws <see cref="InvalidOperationException"/> listing every problem.
/// </summary>
public static class DatastoreSecrets
{
    public static void EnsureStrong(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
        {
            return;
        }
        var problems = new List<string>();
        if (configuration.GetConnectionString("MySql") is { Length: > 0 } mySql && MySqlPassword(mySql) is var (host, password)
            && !IsLocal(host) && SecretPolicy.ProblemWithPassword("ConnectionStrings:MySql", password) is { } mySqlProblem)
        {
            problems.Add(mySqlProblem);
        }
        if (configuration.GetConnectionString("Redis") is { Length: > 0 } redis && RedisPassword(redis) is var (redisHost, redisPassword)
            && !IsLocal(redisHost) && SecretPolicy.ProblemWithPassword("ConnectionStrings:Redis", redisPassword) is { } redisProblem)
        {
            problems.Add(redisProblem);
        }
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Refusing to start outside Development: " + string.Join(" ", problems));
        }
    }

    /// <summary>Server and password of a MySqlConnector connection string.</summary>
    public static (string Host, string? Password) MySqlPassword(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return (Value(builder, "Server", "Host", "Data Source", "DataSource", "Address") ?? "localhost",
            Value(builder, "Password", "Pwd"));
    }

    /// <summary>First endpoint's host and the password of a StackExchange.Redis configuration string.</summary>
    public static (string Host, string? Password) RedisPassword(string configuration)
    {
        var parts = configuration.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var endpoint = parts.FirstOrDefault(part => !part.Contains('=')) ?? "localhost";
        var password = parts.Where(part => part.StartsWith("password=", StringComparison.OrdinalIgnoreCase))
            .Select(part => part["password=".Length..]).LastOrDefault();
        var colon = endpoint.LastIndexOf(':');
        var host = colon > 0 && !endpoint.EndsWith(']') ? endpoint[..colon] : endpoint;
        return (host.Trim('[', ']'), password);
    }

    private static string? Value(DbConnectionStringBuilder builder, params string[] keys) =>
        keys.Select(key => builder.TryGetValue(key, out var value) ? value?.ToString() : null).FirstOrDefault(value => value is not null);

    private static bool IsLocal(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
