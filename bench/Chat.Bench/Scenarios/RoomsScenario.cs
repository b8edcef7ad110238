using System.Diagnostics;
using Chat.Bench.Transport;

namespace Chat.Bench.Scenarios;

/// <summary>
/// R rooms × M members, each member one connection, and an open-loop sender at a fixed total rate spread over the
/// rooms (sends start on schedule whether or not earlier ones finished, so latency includes queueing). Counts every
/// delivery against what the acks say should arrive: lost, duplicated, send→deliver and send→ack latency, server CPU.
/// `bigroom` is the same with one room.
/// </summary>
public sealed class RoomsScenario(BenchOptions options)
{
    public async Task<Dictionary<string, object>> RunAsync()
    {
        var rooms = options.Rooms;
        var members = options.Members;
        var connections = rooms * members;
        var runId = Guid.NewGuid().ToString("N")[..6];
        using var api = new ChatApi(options.Url);
        var userCount = options.Users > 0 ? options.Users : Math.Clamp(connections / 20, 1, 500);
        Console.Error.WriteLine($"setting up {userCount} users, {rooms} rooms, {connections} connections ({options.Transport})");
        var accounts = await api.EnsureUsersAsync($"bench{runId}u", userCount, options.Password);
        var roomIds = Enumerable.Range(0, rooms).Select(r => $"bench-{runId}-{r}").ToArray();
        foreach (var roomId in roomIds)
        {
            await api.EnsureRoomAsync(accounts[0], roomId);
        }

        var deliveries = new LatencyRecorder();
        var acks = new LatencyRecorder();
        long delivered = 0, duplicates = 0, measuring = 0;
        var lastSeen = new long[connections];

        await using var fleet = new Fleet(options);
        await fleet.OpenAsync(connections, i => accounts[i % userCount].Token, async (i, connection) =>
        {
            var roomIndex = i % rooms;
            lastSeen[i] = await connection.JoinRoomAsync(roomIds[roomIndex]);
            connection.OnMessage = m =>
            {
                // Per connection one room, so seq must rise by exactly one each time.
                var previous = lastSeen[i];
                if (m.Seq <= previous)
                {
                    Interlocked.Increment(ref duplicates);
                    return;
                }
                lastSeen[i] = m.Seq;
                Interlocked.Increment(ref delivered);
                if (Volatile.Read(ref measuring) == 1)
                {
                    deliveries.RecordMilliseconds(Payload.MillisecondsSince(Payload.ReadTimestamp(m.Content)));
                }
            };
        });
        var byRoom = Enumerable.Range(0, rooms).Select(r => Enumerable.Range(0, members).Select(m => m * rooms + r).ToArray()).ToArray();

        Console.Error.WriteLine($"sending {options.Rate}/s: {options.Warmup.TotalSeconds}s warm-up, {options.Duration.TotalSeconds}s measured");
        long acked = 0, failed = 0, expected = 0;
        var errors = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var meter = new ServerMeter(options);
        var outstanding = new List<Task>();
        long deliveredAtStart = 0;

        async Task SendOne(long n, long intended)
        {
            var room = (int)(n % rooms);
            var sender = fleet.Connections[byRoom[room][(int)(n / rooms % members)]];
            try
            {
                await sender.SendAsync(roomIds[room], Payload.Create(intended, options.ContentBytes), null);
                Interlocked.Increment(ref acked);
                Interlocked.Add(ref expected, members - 1);
                if (Volatile.Read(ref measuring) == 1)
                {
                    acks.RecordMilliseconds(Payload.MillisecondsSince(intended));
                }
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref failed);
                errors.AddOrUpdate(ex.GetType().Name + ": " + ex.Message.Split('\n')[0], 1, (_, c) => c + 1);
            }
        }

        var total = options.Warmup + options.Duration;
        var start = Stopwatch.GetTimestamp();
        var interval = Stopwatch.Frequency / options.Rate;
        long sent = 0;
        var measureStarted = false;
        double measuredSeconds = 0;
        Dictionary<string, double> cpu = [];
        while (true)
        {
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (!measureStarted && elapsed >= options.Warmup)
            {
                measureStarted = true;
                deliveries.Reset();
                acks.Reset();
                deliveredAtStart = Interlocked.Read(ref delivered);
                meter.Start();
                Volatile.Write(ref measuring, 1);
            }
            if (elapsed >= total)
            {
                break;
            }
            var due = (long)((Stopwatch.GetTimestamp() - start) / interval);
            for (; sent <= due; sent++)
            {
                outstanding.Add(SendOne(sent, start + (long)(sent * interval)));
            }
            outstanding.RemoveAll(t => t.IsCompleted);
            await Task.Delay(1);
        }
        var measuredDelivered = Interlocked.Read(ref delivered) - deliveredAtStart;
        measuredSeconds = (Stopwatch.GetElapsedTime(start) - options.Warmup).TotalSeconds;
        cpu = meter.Stop();
        Volatile.Write(ref measuring, 0);

        await Task.WhenAll(outstanding).WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { });
        var drainUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
        while (Interlocked.Read(ref delivered) < Interlocked.Read(ref expected) && Stopwatch.GetTimestamp() < drainUntil)
        {
            await Task.Delay(50);
        }

        var deliveryHistogram = deliveries.Snapshot();
        var memory = meter.RssMebibytes();
        return new Dictionary<string, object>
        {
            ["label"] = options.Label ?? "",
            ["scenario"] = options.Scenario,
            ["transport"] = options.Transport,
            ["rooms"] = rooms,
            ["members"] = members,
            ["connections"] = connections,
            ["target_rate_msgs_per_s"] = options.Rate,
            ["messages_acked"] = acked,
            ["messages_failed"] = failed,
            ["deliveries_expected"] = Interlocked.Read(ref expected),
            ["deliveries_received"] = Interlocked.Read(ref delivered),
            ["deliveries_lost"] = Math.Max(0, Interlocked.Read(ref expected) - Interlocked.Read(ref delivered)),
            ["deliveries_duplicated"] = Interlocked.Read(ref duplicates),
            ["deliveries_per_s"] = measuredDelivered / measuredSeconds,
            ["send_to_deliver"] = LatencyRecorder.Summary(deliveryHistogram),
            ["send_to_ack"] = LatencyRecorder.Summary(acks.Snapshot()),
            // Every server process measured (silo + gateway + database + Redis, or the baseline): the figure.
            ["server_cpu_us_per_delivery"] = measuredDelivered > 0 ? cpu["servers"] / measuredDelivered : double.NaN,
            ["app_cpu_us_per_delivery"] = measuredDelivered > 0 ? (cpu["silo"] + cpu["gateway"] + cpu["baseline"]) / measuredDelivered : double.NaN,
            ["cpu_percent"] = meter.Percent(cpu, measuredSeconds),
            ["rss_mib"] = memory,
            ["servers_found"] = string.Join(",", meter.Servers.Select(s => $"{s.Name}:{s.Pid}")),
            ["errors"] = errors.ToDictionary(e => e.Key, e => (object)e.Value),
        };
    }
}
