using Chat.Gateway.Tests.Support;
using Chat.Testing;

namespace Chat.Gateway.Tests.Transports;

/// <summary>Several gateways on one cluster: a room's events reach connections on every gateway; a gateway that stops takes its users offline.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class CrossGatewayTests(ChatCluster cluster)
{
    [Fact]
    public async Task AMessageSentThroughOneGatewayReachesConnectionsOnAnother()
    {
        await using var second = await cluster.StartGatewayAsync();
        var alice = await cluster.RegisterUserAsync("alice");
        var bob = await cluster.RegisterUserAsync("bob");
        var roomId = await TestRooms.CreateAsync(cluster, alice);
        await using var aliceHere = await HubClient.ConnectAsync(cluster, alice);
        await using var aliceThere = await HubClient.ConnectAsync(second.HttpBaseAddress, alice, messagePack: true);
        await using var bobThere = await WsClient.ConnectAsync(second.HttpBaseAddress, bob);
        await aliceHere.JoinAsync(roomId);
        await aliceThere.JoinAsync(roomId);
        await bobThere.RequestAsync("join_room", new { roomId });

        var sent = await aliceHere.SendAsync(roomId, "across gateways");
        await TestRooms.SendAsync(cluster, bob, roomId, "fence");

        Assert.Equal(sent.Id, (await aliceThere.NextMessageAsync()).Id);
        Assert.Equal("fence", (await aliceThere.NextMessageAsync()).Content);
        Assert.Equal(sent.Id, (await bobThere.ExpectTypeAsync("new_message")).GetProperty("message").GetProperty("id").GetString());
        Assert.Equal("fence", (await bobThere.ExpectTypeAsync("new_message")).GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("fence", (await aliceHere.NextMessageAsync()).Content);
    }

    [Fact]
    public async Task AGatewayThatShutsDownTakesItsUsersOffline()
    {
        var second = await cluster.StartGatewayAsync();
        var alice = await cluster.RegisterUserAsync("alice");
        var bob = await cluster.RegisterUserAsync("bob");
        var roomId = await TestRooms.CreateAsync(cluster, alice);
        await using var aliceHere = await HubClient.ConnectAsync(cluster, alice);
        await aliceHere.JoinAsync(roomId);
        var bobThere = await WsClient.ConnectAsync(second.HttpBaseAddress, bob);
        await bobThere.RequestAsync("join_room", new { roomId });
        Assert.Equal(("joined", bob.Id), Describe(await aliceHere.NextPresenceAsync()));

        await second.DisposeAsync();

        Assert.Equal(("left", bob.Id), Describe(await aliceHere.NextPresenceAsync()));
        await bobThere.Closed.WaitAsync(Wait.Timeout);
        await bobThere.DisposeAsync();
    }

    private static (string, string) Describe((string Kind, Contracts.PresenceDto Presence) e) => (e.Kind, e.Presence.UserId);
}
