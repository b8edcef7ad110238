using Chat.Distributed.Tests.Harness;

namespace Chat.Distributed.Tests.Scenarios;

/// <summary>
/// Scenario 5: Redis (cluster membership) goes down and comes back. The running cluster keeps chatting without it;
/// once it is back, a new silo and a new gateway can join and their users chat with everyone.
/// </summary>
[Collection(DistributedCollection.Name)]
public sealed class RedisRestart(DistributedCluster cluster, ITestOutputHelper output) : Scenario(cluster, output)
{
    [Fact]
    public Task The_cluster_keeps_chatting_without_redis_and_new_members_join_once_it_is_back() => RunAsync(async () =>
    {
        var roomId = await Cluster.CreateRoomAsync("redis");
        var alice = await JoinAsync(12, GatewayA, roomId);
        var bob = await JoinAsync(13, GatewayB, roomId);

        var probe = await StartProbeAsync();
        await Cluster.Infrastructure.StopAsync("redis");
        var downAt = Participant.Clock.Elapsed;
        var traffic = Traffic.Start([(alice, roomId), (bob, roomId)], TimeSpan.FromMilliseconds(300));
        await Task.Delay(TimeSpan.FromSeconds(6));
        await traffic.StopAsync();
        var probed = await probe.StopAsync();
        Assert.All(probed, r => Assert.True(r.Succeeded, $"a plain REST send while Redis was down: {r}"));
        Assert.All(traffic.Attempts, a => Assert.True(a.Error is null, a.Error?.Message));
        var lastDuringOutage = traffic.Acked.Max(a => a.Acked!.Seq);
        await Checks.AllReachAsync([alice, bob], roomId, lastDuringOutage, TimeSpan.FromSeconds(15));

        await Cluster.Infrastructure.UpAsync();
        var upAt = Participant.Clock.Elapsed;
        var silo = Cluster.AddSilo();
        var gateway = Cluster.AddGateway();
        try
        {
            await Task.WhenAll(Cluster.StartAsync(silo), Cluster.StartAsync(gateway));
            var joined = Participant.Clock.Elapsed - upAt;
            var carol = await JoinAsync(14, gateway, roomId);
            var hello = await Traffic.SendOnceAsync(carol, roomId, "hello from the new gateway");
            Assert.Null(hello.Error);
            var reply = await Traffic.SendOnceAsync(alice, roomId, "welcome");
            Assert.Null(reply.Error);
            await Checks.AllReachAsync([alice, bob, carol], roomId, reply.Acked!.Seq, TimeSpan.FromSeconds(20));

            var history = await RoomHistory.ReadAsync(Cluster.Users[0], gateway, roomId);
            Checks.AssertGapFree(history);
            Checks.AssertAckedStoredOnce(history, traffic.Acked.Append(hello).Append(reply));
            Checks.AssertDeliveredExactlyOnce(alice, roomId, 0, history);
            Checks.AssertDeliveredExactlyOnce(bob, roomId, 0, history);
            Checks.AssertDeliveredExactlyOnce(carol, roomId, hello.Acked!.Seq - 1, history);

            Figure($"Redis down {(upAt - downAt).TotalSeconds:0.0} s: {traffic.Attempts.Count} sends, all acknowledged " +
                   $"(longest {traffic.Attempts.Max(a => a.Duration).TotalMilliseconds:0} ms) and delivered to both gateways' clients; " +
                   $"after the restart a new silo and a new gateway were healthy in {joined.TotalSeconds:0.0} s and their client chats with the others");
        }
        finally
        {
            await Task.WhenAll(gateway.Process?.TerminateAsync(TimeSpan.FromSeconds(20)) ?? Task.CompletedTask,
                silo.Process?.TerminateAsync(TimeSpan.FromSeconds(20)) ?? Task.CompletedTask);
        }
    });
}
