using System.Collections.Immutable;
using Chat.Leases;
using Chat.Rooms;

namespace Chat.Grains.Tests.Rooms;

[Collection(GrainClusterCollection.Name)]
public sealed class PresenceTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task AUserWithTwoTabsStaysOnlineWhenOneCloses()
    {
        var alice = await TestData.RegisterAsync(Grains);
        var bob = await TestData.RegisterAsync(Grains);
        var room = await TestData.CreateRoomAsync(Grains, alice, isPublic: true);
        var grain = Grains.GetGrain<IRoomGrain>(room.Id);
        await using var probe = await RoomEventProbe.SubscribeAsync(fixture.Client, room.Id);
        var tab1 = TestData.Connection(alice);
        var tab2 = TestData.Connection(alice);

        var joined = await grain.Join(tab1);
        await grain.Join(tab2);
        await grain.Join(TestData.Connection(bob));
        await grain.Leave(tab1.GatewayId, tab1.ConnectionId);

        Assert.Equal([alice.Id], joined.OnlineUsers.Select(u => u.UserId));
        Assert.Equal(new[] { alice.Id, bob.Id }.Order(), (await grain.GetOnlineUsers(bob.Id)).Select(u => u.UserId).Order());

        await grain.Leave(tab2.GatewayId, tab2.ConnectionId);
        Assert.Equal([bob.Id], (await grain.GetOnlineUsers(bob.Id)).Select(u => u.UserId));

        // Alice came online once and went offline once, though she had two connections.
        var aliceEvents = new List<RoomEventKind>();
        while (aliceEvents.Count < 2)
        {
            aliceEvents.Add((await probe.NextAsync(e => e.User?.UserId == alice.Id)).Kind);
        }
        Assert.Equal([RoomEventKind.UserJoined, RoomEventKind.UserLeft], aliceEvents);
    }

    [Fact]
    public async Task JoiningTwiceAndLeavingTwiceChangeNothing()
    {
        var alice = await TestData.RegisterAsync(Grains);
        var room = await TestData.CreateRoomAsync(Grains, alice, isPublic: true);
        var grain = Grains.GetGrain<IRoomGrain>(room.Id);
        var tab = TestData.Connection(alice);

        await grain.Join(tab);
        var again = await grain.Join(tab);
        await grain.Leave(tab.GatewayId, tab.ConnectionId);
        await grain.Leave(tab.GatewayId, tab.ConnectionId);

        Assert.Single(again.OnlineUsers);
        Assert.Empty(await grain.GetOnlineUsers(alice.Id));
    }

    [Fact]
    public async Task AGatewayWhoseLeaseLapsesTakesItsUsersOffline()
    {
        var alice = await TestData.RegisterAsync(Grains);
        var bob = await TestData.RegisterAsync(Grains);
        var room = await TestData.CreateRoomAsync(Grains, alice, isPublic: true);
        var grain = Grains.GetGrain<IRoomGrain>(room.Id);
        var deadGateway = $"gw-dead-{Guid.NewGuid():N}";
        var liveGateway = $"gw-live-{Guid.NewGuid():N}";
        var lease = Grains.GetGrain<IGatewayGrain>(deadGateway);
        await lease.Renew(TimeSpan.FromSeconds(1));
        await lease.TrackRooms([room.Id]);
        await using var probe = await RoomEventProbe.SubscribeAsync(fixture.Client, room.Id);

        await grain.Join(TestData.Connection(alice, deadGateway));
        await grain.Join(TestData.Connection(bob, liveGateway));
        // The dead gateway never renews again.
        var left = await probe.NextAsync(e => e.Kind == RoomEventKind.UserLeft);

        Assert.Equal(alice.Id, left.User!.UserId);
        Assert.Equal([bob.Id], (await grain.GetOnlineUsers(bob.Id)).Select(u => u.UserId));
    }

    [Fact]
    public async Task ARenewalAfterALapseAsksTheGatewayToAnnounceItsRoomsAgain()
    {
        var gatewayId = $"gw-slow-{Guid.NewGuid():N}";
        var lease = Grains.GetGrain<IGatewayGrain>(gatewayId);

        var first = await lease.Renew(TimeSpan.FromSeconds(30));
        var second = await lease.Renew(TimeSpan.FromSeconds(30));

        Assert.False(first);
        Assert.True(second);
    }

    [Fact]
    public async Task SyncGatewayRebuildsPresenceAfterTheRoomReactivates()
    {
        var alice = await TestData.RegisterAsync(Grains);
        var room = await TestData.CreateRoomAsync(Grains, alice, isPublic: true);
        var grain = Grains.GetGrain<IRoomGrain>(room.Id);
        var tab = TestData.Connection(alice);
        await grain.Join(tab);
        var epochBefore = await grain.GetEpoch();

        await fixture.Cluster.DeactivateAsync(grain);
        var epochAfter = await grain.GetEpoch();
        var onlineAfterRestart = await grain.GetOnlineUsers(alice.Id);
        await grain.SyncGateway(tab.GatewayId, ImmutableArray.Create(tab));

        Assert.NotEqual(epochBefore, epochAfter);
        Assert.Empty(onlineAfterRestart);
        Assert.Equal([alice.Id], (await grain.GetOnlineUsers(alice.Id)).Select(u => u.UserId));
    }
}
