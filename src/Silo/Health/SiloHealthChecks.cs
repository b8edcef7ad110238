using Chat.Grains.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MySqlConnector;
using StackExchange.Redis;

namespace Chat.Silo.Health;

/// <summary><c>/health</c>: the process is alive. <c>/health/ready</c>: the silo is an active cluster member and its MySQL and Redis answer.</summary>
public static class SiloHealthChecks
{
    private const string Ready = "ready";

    public static WebApplicationBuilder AddChatSiloHealth(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddCheck<ClusterMembershipCheck>("orleans", tags: [Ready]);
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("MySql")))
        {
            checks.AddCheck<MySqlCheck>("mysql", tags: [Ready]);
        }
        if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
        {
            builder.Services.AddSingleton(new RedisCheck(redis));
            checks.AddCheck<RedisCheck>("redis", tags: [Ready]);
        }
        return builder;
    }

    public static WebApplication MapChatSiloHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) });
        return app;
    }

    private sealed class ClusterMembershipCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
            return Task.FromResult(status == SiloStatus.Active
                ? HealthCheckResult.Healthy($"silo {silo.SiloAddress} is active")
                : HealthCheckResult.Unhealthy($"silo {silo.SiloAddress} is {status}"));
        }
    }

    /// <summary>
    /// Ready only when a statement runs: a pooled connection left over from before a restart fails its first use, so
    /// the check goes through <see cref="MySqlConnections.RunAsync{T}"/> like every request — that empties the pool and
    /// tries a fresh connection. Unhealthy while MariaDB cannot be reached; healthy once a request would succeed.
    /// </summary>
    private sealed class MySqlCheck(MySqlConnections connections) : IHealthCheck
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                await connections.RunAsync(SelectOne, SelectOne, timeout.Token);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (MySqlFailures.IsStoreFailure(ex) || ex is OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("MySQL does not answer", ex);
            }

            async Task<object?> SelectOne(MySqlConnection connection)
            {
                await using var command = new MySqlCommand("SELECT 1", connection);
                return await command.ExecuteScalarAsync(timeout.Token);
            }
        }
    }

    private sealed class RedisCheck(string connectionString) : IHealthCheck, IDisposable
    {
        private readonly Lazy<Task<ConnectionMultiplexer>> _connection = new(() =>
            ConnectionMultiplexer.ConnectAsync(connectionString + ",abortConnect=false,connectTimeout=2000"));

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var connection = await _connection.Value;
                var latency = await connection.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0.0} ms");
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("Redis does not answer", ex);
            }
        }

        public void Dispose()
        {
            if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
            {
                _connection.Value.Result.Dispose();
            }
        }
    }
}
