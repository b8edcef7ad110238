using Chat.Errors;
using Chat.Leases;
using Chat.Presence;
using Chat.Rooms;

namespace Chat.Grains.Tests.Presence;

/// <summary>The user presence grain and the room's typing relay, against the in-process cluster (leases checked every 200 ms).</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class UserPresenceTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task A_user_is_online_while_any_gateway_reports_them_and_last_seen_when_the_last_lets_go()
    {
        var presence = Grains.GetGrain<IUserPresenceGrain>(Guid.NewGuid().ToString("N"));
        var (gatewayA, gatewayB) = (NewGatewayId(), NewGatewayId());
        await Grains.GetGrain<IGatewayGrain>(gatewayA).Renew(TimeSpan.FromMinutes(1));
        await Grains.GetGrain<IGatewayGrain>(gatewayB).Renew(TimeSpan.FromMinutes(1));

        var never = await presence.GetPresence();
        await presence.Report(gatewayA, online: true);
        await presence.Report(gatewayB, online: true);
        await presence.Report(gatewayB, online: true);
        await presence.Report(gatewayA, online: false);
        var oneLeft = await presence.GetPresence();
        var closing = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await presence.Report(gatewayB, online: false);
        var gone = await presence.GetPresence();
        await presence.Report(gatewayB, online: false);

        Assert.Equal(new UserPresence(false, null), never);
        Assert.Equal(new UserPresence(true, null), oneLeft);
        Assert.False(gone.Online);
        Assert.InRange(gone.LastSeenAt!.Value, closing, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal(gone, await presence.GetPresence()); // a repeated "offline" changes nothing
    }

    [Fact]
    public async Task A_gateway_whose_lease_lapses_leaves_no_ghost_while_a_live_gateway_keeps_its_user_online()
    {
        var ghost = Grains.GetGrain<IUserPresenceGrain>(Guid.NewGuid().ToString("N"));
        var survivor = Grains.GetGrain<IUserPresenceGrain>(Guid.NewGuid().ToString("N"));
        var (dead, live) = (NewGatewayId(), NewGatewayId());
        await Grains.GetGrain<IGatewayGrain>(dead).Renew(TimeSpan.FromSeconds(1));
        await Grains.GetGrain<IGatewayGrain>(live).Renew(TimeSpan.FromMinutes(1));

        await ghost.Report(dead, online: true);
        await survivor.Report(dead, online: true);
        await survivor.Report(live, online: true);
        // The dead gateway never renews again: its lease lapses after 1 s and is dropped at the next check.
        await Chat.Testing.Wait.UntilAsync(async () => !(await ghost.GetPresence()).Online, "the ghost went offline");

        Assert.NotNull((await ghost.GetPresence()).LastSeenAt);
        Assert.Equal(new UserPresence(true, null), await survivor.GetPresence());
    }

    [Fact]
    public async Task A_released_lease_takes_its_users_offline_at_once()
    {
        var presence = Grains.GetGrain<IUserPresenceGrain>(Guid.NewGuid().ToString("N"));
        var gateway = NewGatewayId();
        await Grains.GetGrain<IGatewayGrain>(gateway).Renew(TimeSpan.FromMinutes(1));
        await presence.Report(gateway, online: true);

        await Grains.GetGrain<IGatewayGrain>(gateway).Release();

        Assert.False((await presence.GetPresence()).Online);
    }

    [Fact]
    public async Task Typing_is_relayed_once_per_interval_per_user_and_refused_to_those_who_cannot_read_the_room()
    {
        var alice = await TestData.RegisterAsync(Grains);
        var bob = await TestData.RegisterAsync(Grains);
        var room = await TestData.CreateRoomAsync(Grains, alice, isPublic: false);
        var typing = Grains.GetGrain<IRoomTyping>(room.Id);
        await using var probe = await RoomEventProbe.SubscribeAsync(fixture.Client, room.Id);

        var first = await typing.Typing(alice.Id, alice.Username);
        var second = await typing.Typing(alice.Id, alice.Username);
        var refused = await Assert.ThrowsAsync<ChatException>(() => typing.Typing(bob.Id, bob.Username));

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(ChatErrorCode.NotFound, refused.Code);
        var relayed = await probe.NextAsync(e => e.Kind == RoomEventKind.UserTyping);
        Assert.Equal((room.Id, alice.Id, alice.Username, (object?)null), (relayed.RoomId, relayed.User!.UserId, relayed.User.Username, (object?)relayed.Message));
    }

    private static string NewGatewayId() => $"gw-{Guid.NewGuid():N}";
}
