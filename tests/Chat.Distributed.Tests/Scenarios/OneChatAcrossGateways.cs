using Chat.Client;
using Chat.Distributed.Tests.Harness;

namespace Chat.Distributed.Tests.Scenarios;

/// <summary>Scenario 1: clients spread over both gateways chat in one room as if there were one server.</summary>
[Collection(DistributedCollection.Name)]
public sealed class OneChatAcrossGateways(DistributedCluster cluster, ITestOutputHelper output) : Scenario(cluster, output)
{
    private const int People = 6;
    private const int MessagesEach = 8;

    [Fact]
    public Task Everyone_gets_every_message_once_in_order_and_sees_the_same_people_online_from_either_gateway() => RunAsync(async () =>
    {
        var roomId = await Cluster.CreateRoomAsync("s1");
        var people = new List<Participant>();
        for (var i = 0; i < People; i++)
        {
            // Half on each gateway, half of them speaking MessagePack, the others JSON.
            people.Add(await JoinAsync(i, i < People / 2 ? GatewayA : GatewayB, roomId, protocol: i % 2 == 0 ? HubProtocol.MessagePack : HubProtocol.Json));
        }
        var everyone = people.Select(p => p.User.Id).Order().ToList();

        var sends = await Task.WhenAll(people.Select(async p =>
        {
            var attempts = new List<SendAttempt>();
            for (var n = 1; n <= MessagesEach; n++)
            {
                attempts.Add(await Traffic.SendOnceAsync(p, roomId, $"{p.User.Username} says {n}"));
                await Task.Delay(100);
            }
            return attempts;
        }));
        var attempts = sends.SelectMany(a => a).ToList();
        Assert.All(attempts, a => Assert.Null(a.Error));
        const int total = People * MessagesEach;
        await Checks.AllReachAsync(people, roomId, total, TimeSpan.FromSeconds(20));

        var history = await RoomHistory.ReadAsync(Cluster.Users[0], GatewayB, roomId);
        Assert.Equal(total, history.Count);
        Checks.AssertGapFree(history);
        Checks.AssertAckedStoredOnce(history, attempts);
        foreach (var person in people)
        {
            Checks.AssertDeliveredExactlyOnce(person, roomId, 0, history);
            Assert.All(person.Deliveries(roomId), d => Assert.Equal(history[(int)d.Message.Seq - 1].Content, d.Message.Content));
        }

        // Presence: the same list whichever gateway is asked, and each client's own view agrees.
        var fromA = (await people[0].Client.GetOnlineUsersAsync(roomId)).Select(u => u.UserId).Order().ToList();
        var fromB = (await people[^1].Client.GetOnlineUsersAsync(roomId)).Select(u => u.UserId).Order().ToList();
        Assert.Equal(everyone, fromA);
        Assert.Equal(everyone, fromB);
        foreach (var person in people)
        {
            await person.WaitUntilAsync(p => p.Client.KnownOnlineUsers(roomId).Count == People, TimeSpan.FromSeconds(10), "everyone in its online list");
        }

        var live = people.SelectMany(p => p.Deliveries(roomId)).Where(d => d.Source == DeliverySource.Live).ToList();
        var sentAt = attempts.ToDictionary(a => a.ClientMessageId, a => a.Ended);
        var latencies = live.Select(d => (d.At - sentAt[d.Message.ClientMessageId!]).TotalMilliseconds).Order().ToList();
        var bySource = people.SelectMany(p => p.Deliveries(roomId)).GroupBy(d => d.Source).ToDictionary(g => g.Key, g => g.Count());
        Figure($"{People} clients (3 per gateway, JSON and MessagePack), {total} messages: each client got all {total} once, in order; " +
               $"deliveries live {bySource.GetValueOrDefault(DeliverySource.Live)}, own sends {bySource.GetValueOrDefault(DeliverySource.Sent)}, " +
               $"from history {bySource.GetValueOrDefault(DeliverySource.History)}; online lists equal on both gateways ({fromA.Count} users)");
        if (latencies.Count > 0)
        {
            Figure($"live delivery after the sender's ack: p50 {latencies[latencies.Count / 2]:0} ms, max {latencies[^1]:0} ms");
        }
    });
}
