using Chat.Distributed.Tests.Harness;

namespace Chat.Distributed.Tests.Scenarios;

/// <summary>
/// Scenario 3: a gateway is killed. Users who cannot reach another gateway must leave the online lists within
/// 15 s (its lease lapses); users whose clients know the other gateway move there and miss nothing.
/// </summary>
[Collection(DistributedCollection.Name)]
public sealed class GatewayFailure(DistributedCluster cluster, ITestOutputHelper output) : Scenario(cluster, output)
{
    private static readonly TimeSpan GhostLimit = TimeSpan.FromSeconds(15);

    [Fact]
    public Task Users_of_a_killed_gateway_go_offline_within_15_s_and_its_clients_move_to_the_other_gateway_missing_nothing() => RunAsync(async () =>
    {
        var roomId = await Cluster.CreateRoomAsync("gw");
        var observers = new[] { await JoinAsync(4, GatewayB, roomId), await JoinAsync(5, GatewayB, roomId) };
        // Ghosts know only gateway A, so they cannot come back; movers know both.
        var ghosts = new[] { await JoinAsync(6, GatewayA, roomId, onlyThatGateway: true), await JoinAsync(7, GatewayA, roomId, onlyThatGateway: true) };
        var movers = new[] { await JoinAsync(8, GatewayA, roomId), await JoinAsync(9, GatewayA, roomId) };
        var chatting = observers.Concat(movers).ToList();
        var ghostIds = ghosts.Select(g => g.User.Id).ToHashSet();
        await observers[0].WaitUntilAsync(o => o.Client.KnownOnlineUsers(roomId).Count == 6, TimeSpan.FromSeconds(10), "all six online");

        var traffic = Traffic.Start(chatting.Select(p => (p, roomId)), TimeSpan.FromMilliseconds(400));
        var probe = await StartProbeAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var killedAt = Participant.Clock.Elapsed;
        Cluster.Gateways[0].Process!.Kill();

        // Ghost removal, as the observers see it (UserLeft events) and as the server answers.
        await Task.WhenAll(observers.Select(o => o.WaitUntilAsync(
            x => ghostIds.All(id => x.PresenceEvents().Any(e => !e.Joined && e.Change.UserId == id && e.At > killedAt)),
            GhostLimit + TimeSpan.FromSeconds(10), "UserLeft for both ghosts")));
        var ghostGone = observers.SelectMany(o => o.PresenceEvents()).Where(e => !e.Joined && ghostIds.Contains(e.Change.UserId)).Max(e => e.At) - killedAt;
        var online = (await observers[0].Client.GetOnlineUsersAsync(roomId)).Select(u => u.UserId).ToHashSet();
        Assert.DoesNotContain(online, ghostIds.Contains);
        Assert.True(ghostGone <= GhostLimit, $"ghosts went offline {ghostGone.TotalSeconds:0.0} s after the kill");

        // Global presence agrees (GET /users?ids=, answered by gateway B): the ghosts are offline everywhere, last seen after the kill.
        var ghostProfiles = await observers[0].Client.GetProfilesAsync(ghostIds);
        while (ghostProfiles.Any(p => p.Online) && Participant.Clock.Elapsed - killedAt < GhostLimit + TimeSpan.FromSeconds(10))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            ghostProfiles = await observers[0].Client.GetProfilesAsync(ghostIds);
        }
        var profilesOffline = Participant.Clock.Elapsed - killedAt;
        Assert.Equal(ghostIds.Order(), ghostProfiles.Select(p => p.Id).Order());
        Assert.All(ghostProfiles, p => Assert.False(p.Online, $"{p.Username} is still online {profilesOffline.TotalSeconds:0.0} s after the kill"));
        Assert.All(ghostProfiles, p => Assert.NotNull(p.LastSeenAt));
        Assert.True(profilesOffline <= GhostLimit, $"ghost profiles went offline {profilesOffline.TotalSeconds:0.0} s after the kill");

        // Movers reconnect to gateway B by themselves.
        foreach (var mover in movers)
        {
            await mover.WaitUntilAsync(m => m.Connections().Any(c => c.Endpoint == GatewayB.Url && c.At > killedAt), TimeSpan.FromSeconds(15), "reconnected to gateway B");
        }
        var moved = movers.Max(m => m.Connections().First(c => c.Endpoint == GatewayB.Url && c.At > killedAt).At) - killedAt;
        await Task.Delay(TimeSpan.FromSeconds(2));
        await traffic.StopAsync();
        var probed = await probe.StopAsync();
        Checks.AssertClearAndBounded(probed, "while a gateway was killed");
        Figure($"plain REST during the gateway kill: {Checks.Describe(probed)}");

        var marker = await Traffic.SendOnceAsync(observers[0], roomId, "the end");
        Assert.Null(marker.Error);
        await Checks.AllReachAsync(chatting, roomId, marker.Acked!.Seq, TimeSpan.FromSeconds(20));
        var history = await RoomHistory.ReadAsync(Cluster.Users[0], GatewayB, roomId);
        Checks.AssertGapFree(history);
        Checks.AssertAckedStoredOnce(history, traffic.Acked.Append(marker));
        foreach (var person in chatting)
        {
            Checks.AssertDeliveredExactlyOnce(person, roomId, 0, history);
        }
        online = (await observers[0].Client.GetOnlineUsersAsync(roomId)).Select(u => u.UserId).ToHashSet();
        Assert.Superset(online, chatting.Select(p => p.User.Id).ToHashSet());
        var errors = traffic.Attempts.Count(a => a.Error is not null);
        Assert.All(traffic.Attempts.Where(a => a.Error is not null), a => Assert.True(a.Error!.IsTransient, a.Error.Message));

        Figure($"SIGKILL gateway0: ghosts offline (UserLeft at the observers) after {ghostGone.TotalSeconds:0.0} s, in their profiles by {profilesOffline.TotalSeconds:0.0} s (limit {GhostLimit.TotalSeconds:0} s); " +
               $"movers reconnected to gateway1 after {moved.TotalSeconds:0.0} s; longest send {traffic.Attempts.Max(a => a.Duration).TotalSeconds:0.00} s; " +
               $"{errors} of {traffic.Attempts.Count} sends surfaced an error; {history.Count} messages, each delivered once to all 4 chatting clients");
    });
}
