using System.Diagnostics;
using System.Net.Http.Json;

namespace Chat.Bench.Scenarios;

/// <summary>
/// What a reaction storm costs the room's sends: one room, one sender sending durably at <c>--rate</c> messages/s
/// (open loop), first alone (baseline), then while <c>--users</c> reactors toggle reactions on the room's newest
/// messages as fast as the system acknowledges them (<c>--concurrency</c> in flight, closed loop). Every reaction is a
/// real change (a reactor alternates add and remove of its emoji), so each is one row update + change feed entry + one
/// MessageUpdated event. Reported: send→ack latency of both phases, reaction→ack latency and changes/s.
/// </summary>
public sealed class ReactionStormScenario(BenchOptions options)
{
    private const int DistinctEmoji = 20;

    public async Task<Dictionary<string, object>> RunAsync()
    {
        var runId = Guid.NewGuid().ToString("N")[..6];
        using var api = new ChatApi(options.Url);
        var reactorCount = options.Users > 0 ? options.Users : 50;
        var sender = await api.EnsureUserAsync($"storm{runId}s", options.Password);
        var reactors = await api.EnsureUsersAsync($"storm{runId}r", reactorCount, options.Password);
        var roomId = $"storm-{runId}";
        await api.EnsureRoomAsync(sender, roomId);
        using var senderHttp = Client(sender.Token);
        var reactorHttp = reactors.Select(r => Client(r.Token)).ToArray();
        var newestSeq = 0L;

        async Task SendAsync(LatencyRecorder? record)
        {
            var t0 = Stopwatch.GetTimestamp();
            using var response = await senderHttp.PostAsJsonAsync("/chat/messages", new { roomId, content = Payload.Create(t0, options.ContentBytes) });
            response.EnsureSuccessStatusCode();
            var seq = (await response.Content.ReadFromJsonAsync<SentMessage>())!.Seq;
            InterlockedMax(ref newestSeq, seq);
            record?.RecordMilliseconds(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        for (var i = 0; i < 10; i++)
        {
            await SendAsync(null); // messages to react to, and a warm room
        }
        var phase = options.Duration / 2;
        var baseline = await SendAtRateAsync(SendAsync, options.Warmup, phase);

        using var stop = new CancellationTokenSource();
        var reactions = new LatencyRecorder();
        long changes = 0, failed = 0;
        var storm = Enumerable.Range(0, options.Concurrency).Select(async worker =>
        {
            // Each worker is one (reactor, emoji) pair (unique while concurrency ≤ users × 20), so its own record of
            // what it added is exact and every call it makes is a change.
            var reactor = worker % reactorCount;
            var emoji = Uri.EscapeDataString($"e{worker / reactorCount % DistinctEmoji}");
            var added = new HashSet<long>();
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                // The newest few messages: where a room's reactions land.
                var seq = Math.Max(1, Volatile.Read(ref newestSeq) - (n % 3));
                var path = $"/chat/rooms/{roomId}/messages/{seq}/reactions/{emoji}";
                var add = added.Add(seq);
                if (!add)
                {
                    added.Remove(seq);
                }
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var response = add ? await reactorHttp[reactor].PutAsync(path, null) : await reactorHttp[reactor].DeleteAsync(path);
                    response.EnsureSuccessStatusCode();
                    reactions.RecordMilliseconds(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    Interlocked.Increment(ref changes);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }).ToArray();
        var meter = new ServerMeter(options);
        meter.Start();
        var started = Stopwatch.GetTimestamp();
        var duringStorm = await SendAtRateAsync(SendAsync, options.Warmup, phase, () =>
        {
            Interlocked.Exchange(ref changes, 0);
            reactions.Reset();
        });
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds - options.Warmup.TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(storm);
        var cpu = meter.Stop();
        foreach (var client in reactorHttp)
        {
            client.Dispose();
        }

        return new Dictionary<string, object>
        {
            ["scenario"] = "reactions",
            ["reactors"] = reactorCount,
            ["reactions_in_flight"] = options.Concurrency,
            ["send_rate_per_s"] = options.Rate,
            ["send_to_ack_baseline"] = LatencyRecorder.Summary(baseline.Snapshot()),
            ["send_to_ack_during_storm"] = LatencyRecorder.Summary(duringStorm.Snapshot()),
            ["reaction_changes_per_s"] = changes / seconds,
            ["reactions_failed"] = failed,
            ["reaction_to_ack"] = LatencyRecorder.Summary(reactions.Snapshot()),
            ["silo_cpu_percent"] = cpu["silo"] / (seconds * 10_000),
            ["gateway_cpu_percent"] = cpu["gateway"] / (seconds * 10_000),
            ["database_cpu_percent"] = cpu["database"] / (seconds * 10_000),
            ["bench_cpu_percent"] = cpu["bench"] / (seconds * 10_000),
        };

        HttpClient Client(string token)
        {
            var http = new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(60) };
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
            return http;
        }
    }

    /// <summary>Sends on a fixed schedule for <paramref name="warmup"/> + <paramref name="measure"/>; records the measured part.</summary>
    private async Task<LatencyRecorder> SendAtRateAsync(Func<LatencyRecorder?, Task> send, TimeSpan warmup, TimeSpan measure, Action? onMeasureStart = null)
    {
        var recorder = new LatencyRecorder();
        var interval = TimeSpan.FromSeconds(1 / options.Rate);
        var start = Stopwatch.GetTimestamp();
        var sends = new List<Task>();
        var measuring = false;
        for (var i = 0L; ; i++)
        {
            var due = interval * i;
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (due >= warmup + measure)
            {
                break;
            }
            if (due > elapsed)
            {
                await Task.Delay(due - elapsed);
            }
            if (!measuring && due >= warmup)
            {
                measuring = true;
                onMeasureStart?.Invoke();
            }
            sends.Add(send(measuring ? recorder : null));
        }
        await Task.WhenAll(sends);
        return recorder;
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }

    private sealed record SentMessage(long Seq);
}
