using System.Diagnostics;

namespace Chat.Bench.Scenarios;

/// <summary>
/// Durable sends as fast as the system acknowledges them: <c>--connections</c> senders spread over <c>--rooms</c> rooms,
/// <c>--concurrency</c> sends in flight in total (closed loop). Each ack follows the commit of its row.
/// </summary>
public sealed class IngestScenario(BenchOptions options)
{
    public async Task<Dictionary<string, object>> RunAsync()
    {
        var runId = Guid.NewGuid().ToString("N")[..6];
        using var api = new ChatApi(options.Url);
        var senders = Math.Min(options.Connections, 256);
        var userCount = options.Users > 0 ? options.Users : Math.Clamp(senders, 1, 64);
        var accounts = await api.EnsureUsersAsync($"ingest{runId}u", userCount, options.Password);
        var roomIds = Enumerable.Range(0, options.Rooms).Select(r => $"ingest-{runId}-{r}").ToArray();
        foreach (var roomId in roomIds)
        {
            await api.EnsureRoomAsync(accounts[0], roomId);
        }
        await using var fleet = new Fleet(options);
        await fleet.OpenAsync(senders, i => accounts[i % userCount].Token, (_, _) => Task.CompletedTask);

        var acks = new LatencyRecorder();
        long acked = 0, failed = 0, measuredAcked = 0, measuring = 0;
        var meter = new ServerMeter(options);
        var stopAt = Stopwatch.GetTimestamp() + (long)((options.Warmup + options.Duration).TotalSeconds * Stopwatch.Frequency);
        var measureFrom = Stopwatch.GetTimestamp() + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        var measureStart = 0L;

        var workers = Enumerable.Range(0, options.Concurrency).Select(async w =>
        {
            long n = w;
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                if (Volatile.Read(ref measuring) == 0 && Stopwatch.GetTimestamp() >= measureFrom && Interlocked.CompareExchange(ref measuring, 1, 0) == 0)
                {
                    measureStart = Stopwatch.GetTimestamp();
                    meter.Start();
                }
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    await fleet.Connections[(int)(n % senders)].SendAsync(roomIds[n % roomIds.Length], Payload.Create(t0, options.ContentBytes), null);
                    Interlocked.Increment(ref acked);
                    if (Volatile.Read(ref measuring) == 1)
                    {
                        Interlocked.Increment(ref measuredAcked);
                        acks.RecordMilliseconds(Payload.MillisecondsSince(t0));
                    }
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failed);
                }
                n += options.Concurrency;
            }
        }).ToArray();
        await Task.WhenAll(workers);
        var seconds = Stopwatch.GetElapsedTime(measureStart).TotalSeconds;
        var cpu = meter.Stop();
        return new Dictionary<string, object>
        {
            ["scenario"] = "ingest",
            ["transport"] = options.Transport,
            ["rooms"] = options.Rooms,
            ["senders"] = senders,
            ["in_flight"] = options.Concurrency,
            ["messages_acked"] = acked,
            ["messages_failed"] = failed,
            ["durable_msgs_per_s"] = measuredAcked / seconds,
            ["send_to_ack"] = LatencyRecorder.Summary(acks.Snapshot()),
            ["label"] = options.Label ?? "",
            ["server_cpu_us_per_message"] = measuredAcked > 0 ? cpu["servers"] / measuredAcked : double.NaN,
            ["database_cpu_us_per_message"] = measuredAcked > 0 ? cpu["database"] / measuredAcked : double.NaN,
            ["silo_cpu_percent"] = cpu["silo"] / (seconds * 10_000),
            ["gateway_cpu_percent"] = cpu["gateway"] / (seconds * 10_000),
            ["database_cpu_percent"] = cpu["database"] / (seconds * 10_000),
            ["bench_cpu_percent"] = cpu["bench"] / (seconds * 10_000),
        };
    }
}
