using System.Net;
using System.Net.Http.Json;
using Chat.Client;
using Chat.Distributed.Tests.Harness;

namespace Chat.Distributed.Tests.Scenarios;

/// <summary>
/// Scenario 4: MariaDB goes down and comes back. While it is down a send fails fast and clearly (503 over REST,
/// <c>unavailable</c> on the hub), never hangs and is never acknowledged without a stored row; once the silos say
/// ready again the same sends all succeed at the first attempt, and nothing is stored twice.
/// </summary>
[Collection(DistributedCollection.Name)]
public sealed class DatabaseRestart(DistributedCluster cluster, ITestOutputHelper output) : Scenario(cluster, output)
{
    /// <summary>The longest a send may take while the store is down: it must fail, not hang.</summary>
    private static readonly TimeSpan FailFastLimit = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan OutageProbing = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(250);

    [Fact]
    public Task While_the_database_is_down_sends_fail_fast_and_afterwards_succeed_without_duplicates() => RunAsync(async () =>
    {
        var roomId = await Cluster.CreateRoomAsync("db");
        var alice = await JoinAsync(10, GatewayA, roomId, retryTimeout: TimeSpan.Zero);
        var bob = await JoinAsync(11, GatewayB, roomId);
        using var rest = DistributedCluster.AuthorizedHttp(Cluster.Users[11], GatewayB, timeout: TimeSpan.FromSeconds(60));
        for (var n = 1; n <= 3; n++)
        {
            Assert.Null((await Traffic.SendOnceAsync(alice, roomId, $"before {n}")).Error);
        }

        var probe = await StartProbeAsync();
        await Cluster.Infrastructure.StopAsync("mysql");
        var downAt = Participant.Clock.Elapsed;

        // Probe both transports while the store is down: REST (status) and the hub (one attempt, no retry), at a
        // pace within the per-user send budget (a refused send still spends a token).
        var restTries = new List<(string ClientMessageId, HttpStatusCode Status, TimeSpan Took)>();
        var hubTries = new List<SendAttempt>();
        while (Participant.Clock.Elapsed - downAt < OutageProbing)
        {
            var id = ChatClient.NewClientMessageId();
            var started = Participant.Clock.Elapsed;
            using (var response = await rest.PostAsJsonAsync("chat/messages", new { roomId, content = "during the outage (REST)", clientMessageId = id }))
            {
                restTries.Add((id, response.StatusCode, Participant.Clock.Elapsed - started));
            }
            hubTries.Add(await Traffic.SendOnceAsync(alice, roomId, "during the outage (hub)"));
            await Task.Delay(ProbeInterval);
        }

        await Cluster.Infrastructure.UpAsync();
        var upAt = Participant.Clock.Elapsed;
        var probed = await probe.StopAsync();
        Checks.AssertClearAndBounded(probed, "while MariaDB was down");
        Figure($"plain REST while MariaDB was down: {Checks.Describe(probed)}");

        // Once the silos say ready, no request may fail: the same sends again, same client message ids, each once.
        Assert.True(await Cluster.WaitSilosReadyAsync(TimeSpan.FromSeconds(60)), "the silos were not ready a minute after the database came back");
        var readyAfter = Participant.Clock.Elapsed - upAt;
        var retried = new List<(string ClientMessageId, HttpStatusCode Status)>();
        foreach (var (id, _, _) in restTries)
        {
            using var response = await rest.PostAsJsonAsync("chat/messages", new { roomId, content = "during the outage (REST)", clientMessageId = id });
            retried.Add((id, response.StatusCode));
        }
        Assert.All(retried, r => Assert.True(r.Status is HttpStatusCode.Created or HttpStatusCode.OK,
            $"a send after recovery answered {(int)r.Status}"));
        var resent = await Traffic.SendOnceAsync(alice, roomId, "after the outage (hub)");
        Assert.Null(resent.Error);

        var history = await RoomHistory.ReadAsync(Cluster.Users[0], GatewayA, roomId);
        Checks.AssertGapFree(history);
        var ackedDuringOutage = hubTries.Where(a => a.Acked is not null).ToList();
        Checks.AssertAckedStoredOnce(history, ackedDuringOutage.Append(resent));
        foreach (var (id, _) in retried)
        {
            Assert.Single(history, m => m.ClientMessageId == id);
        }
        await Checks.AllReachAsync([bob], roomId, history[^1].Seq, TimeSpan.FromSeconds(15));
        Checks.AssertDeliveredExactlyOnce(bob, roomId, 0, history);

        // While down: every attempt ended in bounded time with a clear, retryable refusal.
        Assert.All(restTries, t => Assert.True(t.Status == HttpStatusCode.ServiceUnavailable, $"REST answered {(int)t.Status} while the database was down"));
        Assert.All(restTries, t => Assert.True(t.Took < FailFastLimit, $"a REST send took {t.Took.TotalSeconds:0.0} s"));
        Assert.All(hubTries.Where(a => a.Acked is null), a => Assert.Equal(ChatError.Unavailable, a.Error!.Error));
        Assert.All(hubTries, a => Assert.True(a.Duration < FailFastLimit, $"a hub send took {a.Duration.TotalSeconds:0.0} s"));

        Figure($"MariaDB down {(upAt - downAt).TotalSeconds:0.0} s: REST sends {restTries.Count}× 503 in " +
               $"{restTries.Min(t => t.Took).TotalMilliseconds:0}–{restTries.Max(t => t.Took).TotalMilliseconds:0} ms; hub sends " +
               $"{hubTries.Count(a => a.Error is not null)}× unavailable in {hubTries.Min(a => a.Duration).TotalMilliseconds:0}–{hubTries.Max(a => a.Duration).TotalMilliseconds:0} ms, " +
               $"{ackedDuringOutage.Count} acknowledged (all stored); silos ready {readyAfter.TotalSeconds:0.0} s after the restart, then every resend succeeded; " +
               $"{retried.Count} retried ids stored once each ({retried.Count(r => r.Status == HttpStatusCode.Created)} new, {retried.Count(r => r.Status == HttpStatusCode.OK)} already stored)");
    });
}
