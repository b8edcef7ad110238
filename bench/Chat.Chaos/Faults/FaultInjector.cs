using Chat.Distributed.Harness;
using MySqlConnector;

namespace Chat.Chaos.Faults;

/// <summary>
/// Breaks the cluster one way at a time and heals it: processes killed, terminated or frozen are brought back, servers
/// stopped are started again. Only this run's own processes and private servers are touched.
/// </summary>
internal sealed class FaultInjector(LocalCluster cluster, Random random, Func<GatewaySlot, TimeSpan, Task<TimeSpan?>> ghostGone, Func<TimeSpan> now)
{
    /// <summary>After the cluster is whole again, errors may still trail (clients back off, rooms move back): this long counts as the fault's.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    public async Task<FaultWindow> InjectAsync(FaultKind kind, Action<string> say)
    {
        var start = now();
        var silo = cluster.Silos[random.Next(2)];
        var gateway = cluster.Gateways[random.Next(2)];
        string target;
        TimeSpan? ghost = null;
        switch (kind)
        {
            case FaultKind.SiloKill:
                target = silo.Name;
                say($"SIGKILL {target}");
                silo.Process!.Kill();
                await Task.Delay(TimeSpan.FromSeconds(random.Next(2, 6)));
                break;
            case FaultKind.SiloTerm:
                target = silo.Name;
                say($"SIGTERM {target}");
                await silo.Process!.TerminateAsync(TimeSpan.FromSeconds(30));
                break;
            case FaultKind.GatewayKill:
                target = gateway.Name;
                say($"SIGKILL {target}");
                gateway.Process!.Kill();
                // Stays down until its users left the online lists (or 25 s): that is what the ghost figure measures.
                ghost = await ghostGone(gateway, start);
                break;
            case FaultKind.DatabaseRestart or FaultKind.RedisRestart:
                target = kind == FaultKind.DatabaseRestart ? "mysql" : "redis";
                var down = TimeSpan.FromSeconds(random.Next(2, 6));
                say($"{target} stopped for {down.TotalSeconds:0} s");
                await cluster.Infrastructure.StopAsync(target);
                await Task.Delay(down);
                await cluster.Infrastructure.UpAsync();
                break;
            case FaultKind.SlowDatabase:
                target = "messages table";
                await HoldTableLockAsync(TimeSpan.FromSeconds(random.Next(2, 5)), say);
                break;
            case FaultKind.SiloStall:
                target = silo.Name;
                var stall = TimeSpan.FromSeconds(random.Next(2, 6));
                say($"SIGSTOP {target} for {stall.TotalSeconds:0} s");
                await silo.Process!.SignalAsync("STOP");
                await Task.Delay(stall);
                await silo.Process.SignalAsync("CONT");
                // A silo frozen past the membership probes is declared dead and stops itself when it wakes: give it the time.
                await Task.Delay(TimeSpan.FromSeconds(3));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
        await HealAsync();
        var healed = now();
        await Task.Delay(Settle);
        return new FaultWindow(kind, target, start, healed, now(), ghost);
    }

    /// <summary>Every process back and healthy; a process that exits while being waited for (declared dead) is started again.</summary>
    public async Task HealAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await cluster.EnsureHealthyAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // It exited while we waited for it: the next round starts it again.
            }
        }
    }

    /// <summary>A slow database: another session holds a write lock on <c>messages</c>; every write and read of it waits.</summary>
    private async Task HoldTableLockAsync(TimeSpan hold, Action<string> say)
    {
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(cluster.Database) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        say($"LOCK TABLES messages WRITE for {hold.TotalSeconds:0} s");
        await using (var take = new MySqlCommand("LOCK TABLES messages WRITE", connection))
        {
            await take.ExecuteNonQueryAsync();
        }
        await Task.Delay(hold);
        await using var release = new MySqlCommand("UNLOCK TABLES", connection);
        await release.ExecuteNonQueryAsync();
    }
}
