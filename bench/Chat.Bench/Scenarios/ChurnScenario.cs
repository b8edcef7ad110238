using System.Diagnostics;

namespace Chat.Bench.Scenarios;

/// <summary>Connects per second at a fixed arrival rate: each one opens a connection (token check), joins two rooms and closes.</summary>
public sealed class ChurnScenario(BenchOptions options)
{
    public async Task<Dictionary<string, object>> RunAsync()
    {
        var runId = Guid.NewGuid().ToString("N")[..6];
        using var api = new ChatApi(options.Url);
        var userCount = options.Users > 0 ? options.Users : 50;
        var accounts = await api.EnsureUsersAsync($"churn{runId}u", userCount, options.Password);
        var roomIds = new[] { $"churn-{runId}-a", $"churn-{runId}-b" };
        foreach (var roomId in roomIds)
        {
            await api.EnsureRoomAsync(accounts[0], roomId);
        }
        await using var fleet = new Fleet(options);
        var latency = new LatencyRecorder();
        long completed = 0, failed = 0;
        var meter = new ServerMeter(options);
        meter.Start();
        var start = Stopwatch.GetTimestamp();
        var interval = Stopwatch.Frequency / options.Rate;
        var outstanding = new List<Task>();
        long n = 0;
        while (Stopwatch.GetElapsedTime(start) < options.Duration)
        {
            var due = (long)((Stopwatch.GetTimestamp() - start) / interval);
            for (; n <= due; n++)
            {
                var intended = start + (long)(n * interval);
                var account = accounts[n % userCount];
                outstanding.Add(Task.Run(async () =>
                {
                    var connection = fleet.Create(account.Token);
                    try
                    {
                        await connection.StartAsync(CancellationToken.None);
                        await connection.JoinRoomAsync(roomIds[0]);
                        await connection.JoinRoomAsync(roomIds[1]);
                        latency.RecordMilliseconds(Payload.MillisecondsSince(intended));
                        Interlocked.Increment(ref completed);
                    }
                    catch (Exception)
                    {
                        Interlocked.Increment(ref failed);
                    }
                    finally
                    {
                        await connection.DisposeAsync();
                    }
                }));
            }
            outstanding.RemoveAll(t => t.IsCompleted);
            await Task.Delay(1);
        }
        await Task.WhenAll(outstanding);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var cpu = meter.Stop();
        return new Dictionary<string, object>
        {
            ["scenario"] = "churn",
            ["transport"] = options.Transport,
            ["target_connects_per_s"] = options.Rate,
            ["connects_completed"] = completed,
            ["connects_failed"] = failed,
            ["connects_per_s"] = completed / seconds,
            ["connect_and_join_2"] = LatencyRecorder.Summary(latency.Snapshot()),
            ["server_cpu_us_per_connect"] = completed > 0 ? cpu["servers"] / completed : double.NaN,
        };
    }
}
