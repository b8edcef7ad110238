using System.Net;
using System.Net.Http.Json;
using Chat.Client;
using Chat.Contracts;
using Chat.Distributed.Tests.Harness;

namespace Chat.Distributed.Tests.Scenarios;

/// <summary>
/// Scenario 4b (issue #17): recovery after a MariaDB restart is clean. The connection pools are warm (many
/// connections opened by parallel work), MariaDB restarts — every pooled connection dies with the old server
/// process — and as soon as every silo says ready, a burst of mixed requests (room creations, sends, history reads,
/// sign-ins) must all succeed: nothing left over from the outage may fail a request.
/// </summary>
[Collection(DistributedCollection.Name)]
public sealed class DatabaseRecovery(DistributedCluster cluster, ITestOutputHelper output) : Scenario(cluster, output)
{
    private const int WarmCreations = 40;
    private const int WarmSends = 40;
    private const int Creations = 40;
    private const int Sends = 40;
    private const int HistoryReads = 24;
    private const int SignInsPerGateway = 4;
    private static readonly TimeSpan Down = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public Task After_a_database_restart_no_request_fails_once_the_silos_say_ready() => RunAsync(async () =>
    {
        var rooms = new List<string>();
        for (var r = 0; r < 4; r++)
        {
            rooms.Add(await Cluster.CreateRoomAsync($"rec-{r}"));
        }

        // 1. Warm the pools: 40 room creations and 40 sends at once.
        var warm = await Task.WhenAll(MixedRequests("warm", rooms, WarmCreations, WarmSends, 0, 0));
        Assert.True(warm.All(r => r.Ok), "warm-up failed: " + Describe(warm.Where(r => !r.Ok)));

        // 2. Restart MariaDB. While it is down every silo must say it is not ready. (Probed once a second, as a load
        // balancer would: a probe must not be what cleans the pool up before the requests come.)
        await Cluster.Infrastructure.StopAsync("mysql");
        var downAt = Participant.Clock.Elapsed;
        var notReadySeen = new HashSet<string>();
        while (Participant.Clock.Elapsed - downAt < Down)
        {
            foreach (var silo in Cluster.Silos.Take(2))
            {
                if (await LocalCluster.ReadyStatusAsync(silo) == HttpStatusCode.ServiceUnavailable)
                {
                    notReadySeen.Add(silo.Name);
                }
            }
            await Task.Delay(1000);
        }
        await Cluster.Infrastructure.UpAsync();
        var upAt = Participant.Clock.Elapsed;

        // 3. As soon as every silo says ready: a burst of mixed requests, none of which may fail.
        Assert.True(await Cluster.WaitSilosReadyAsync(ReadyLimit), $"the silos were not ready {ReadyLimit.TotalSeconds:0} s after MariaDB came back");
        var readyAfter = Participant.Clock.Elapsed - upAt;
        var burst = await Task.WhenAll(MixedRequests("after", rooms, Creations, Sends, HistoryReads, SignInsPerGateway));
        var failures = burst.Where(r => !r.Ok).ToList();
        Figure($"MariaDB down {(upAt - downAt).TotalSeconds:0.0} s (not ready seen on {notReadySeen.Count} of 2 silos); ready {readyAfter.TotalSeconds:0.0} s after it returned; " +
               $"then {burst.Length} mixed requests ({Creations} creations, {Sends} sends, {HistoryReads} history reads, {SignInsPerGateway * 2} sign-ins): " +
               $"{failures.Count} failed, slowest {burst.Max(r => r.Took).TotalMilliseconds:0} ms");

        Assert.True(burst.Length >= 100, $"only {burst.Length} requests");
        Assert.True(failures.Count == 0, $"{failures.Count} of {burst.Length} requests failed after recovery: {Describe(failures)}");
        Assert.True(notReadySeen.Count == 2, $"while MariaDB was down only {string.Join(", ", notReadySeen)} said not ready");

        // What was acknowledged is stored once, seq gap-free.
        var acked = warm.Concat(burst).Where(r => r.Sent is not null).ToList();
        foreach (var roomId in rooms)
        {
            var history = await RoomHistory.ReadAsync(Cluster.Users[0], GatewayA, roomId);
            Checks.AssertGapFree(history);
            foreach (var sent in acked.Where(r => r.Sent!.RoomId == roomId))
            {
                Assert.Single(history, m => m.Seq == sent.Sent!.Seq && m.ClientMessageId == sent.Sent.ClientMessageId);
            }
        }
    });

    private IEnumerable<Task<Outcome>> MixedRequests(string phase, IReadOnlyList<string> rooms, int creations, int sends, int reads, int signInsPerGateway)
    {
        // Mostly private rooms: every public creation also writes the one room-directory grain, whose serialized writes
        // (40 at once on a loaded machine) can outlast the gateway's 5 s grain-call time-out on their own — a limit of
        // throughput, not of recovery, which is what this scenario is about.
        for (var i = 0; i < creations; i++)
        {
            var n = i;
            yield return Request("create", n, http => http.PostAsJsonAsync("chat/rooms",
                new { id = $"rec-{phase}-{n}-{Guid.NewGuid():N}"[..40], name = $"recovery {phase} {n}", isPublic = n % 4 == 0 }));
        }
        for (var i = 0; i < sends; i++)
        {
            var n = i;
            yield return Request("send", n, http => http.PostAsJsonAsync("chat/messages",
                new { roomId = rooms[n % rooms.Count], content = $"{phase} {n}", clientMessageId = ChatClient.NewClientMessageId() }));
        }
        for (var i = 0; i < reads; i++)
        {
            var n = i;
            // Alternately the newest page (often served by the room) and an old page (read from the log).
            yield return Request("history", n, http => http.GetAsync($"chat/rooms/{rooms[n % rooms.Count]}/messages?{(n % 2 == 0 ? "limit=50" : "beforeSeq=2&limit=1")}"));
        }
        for (var i = 0; i < signInsPerGateway * 2; i++)
        {
            var n = i;
            yield return Request("sign-in", n, http => http.PostAsJsonAsync("users/login",
                new { username = Cluster.Users[n].Username, password = DistributedCluster.Password }), anonymous: true);
        }
    }

    /// <summary>One REST request as user n on gateway n % 2, without retries: what a plain client would see.</summary>
    private async Task<Outcome> Request(string kind, int n, Func<HttpClient, Task<HttpResponseMessage>> call, bool anonymous = false)
    {
        var gateway = Cluster.Gateways[n % 2];
        using var http = DistributedCluster.AuthorizedHttp(Cluster.Users[n % DistributedCluster.UserCount], gateway, TimeSpan.FromSeconds(30));
        if (anonymous)
        {
            http.DefaultRequestHeaders.Authorization = null;
        }
        var started = Participant.Clock.Elapsed;
        try
        {
            using var response = await call(http);
            var took = Participant.Clock.Elapsed - started;
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync();
                return new Outcome(kind, false, took, $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 160)]}", null);
            }
            var sent = kind == "send" ? await response.Content.ReadFromJsonAsync<MessageDto>() : null;
            return new Outcome(kind, true, took, null, sent);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return new Outcome(kind, false, Participant.Clock.Elapsed - started, exception.GetType().Name + ": " + exception.Message, null);
        }
    }

    private static string Describe(IEnumerable<Outcome> failures) =>
        string.Join("; ", failures.GroupBy(f => (f.Kind, f.Error)).Select(g => $"{g.Count()}× {g.Key.Kind}: {g.Key.Error}"));

    private sealed record Outcome(string Kind, bool Ok, TimeSpan Took, string? Error, MessageDto? Sent);
}
