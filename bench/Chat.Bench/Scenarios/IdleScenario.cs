namespace Chat.Bench.Scenarios;

/// <summary>C connections, each joined to one of R rooms, no traffic: what an idle connection costs the gateway (RSS).</summary>
public sealed class IdleScenario(BenchOptions options)
{
    public async Task<Dictionary<string, object>> RunAsync()
    {
        var runId = Guid.NewGuid().ToString("N")[..6];
        using var api = new ChatApi(options.Url);
        var userCount = options.Users > 0 ? options.Users : Math.Clamp(options.Connections / 50, 1, 200);
        var accounts = await api.EnsureUsersAsync($"idle{runId}u", userCount, options.Password);
        var roomIds = Enumerable.Range(0, options.Rooms).Select(r => $"idle-{runId}-{r}").ToArray();
        foreach (var roomId in roomIds)
        {
            await api.EnsureRoomAsync(accounts[0], roomId);
        }
        var meter = new ServerMeter(options);
        GC.Collect();
        var gatewayBefore = meter.FrontRssBytes();
        var siloBefore = meter.SiloRssBytes();

        await using var fleet = new Fleet(options);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await fleet.OpenAsync(options.Connections, i => accounts[i % userCount].Token,
            async (i, c) => await c.JoinRoomAsync(roomIds[i % roomIds.Length]));
        var openSeconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;

        meter.Start();
        await Task.Delay(options.Duration);
        var cpu = meter.Stop();
        var gatewayAfter = meter.FrontRssBytes();
        var siloAfter = meter.SiloRssBytes();
        return new Dictionary<string, object>
        {
            ["label"] = options.Label ?? "",
            ["scenario"] = "idle",
            ["transport"] = options.Transport,
            ["connections"] = options.Connections,
            ["rooms"] = options.Rooms,
            ["open_seconds"] = openSeconds,
            ["gateway_rss_before_mb"] = gatewayBefore / 1048576.0,
            ["gateway_rss_after_mb"] = gatewayAfter / 1048576.0,
            ["gateway_rss_kb_per_connection"] = (gatewayAfter - gatewayBefore) / 1024.0 / options.Connections,
            ["silo_rss_kb_per_connection"] = (siloAfter - siloBefore) / 1024.0 / options.Connections,
            ["idle_server_cpu_percent"] = cpu["servers"] / (options.Duration.TotalSeconds * 10_000),
            ["idle_cpu_percent"] = meter.Percent(cpu, options.Duration.TotalSeconds),
        };
    }
}
