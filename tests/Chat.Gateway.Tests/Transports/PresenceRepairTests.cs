using System.Net.Http.Json;
using System.Text.Json;
using Chat.Gateway.Tests.Support;
using Chat.Rooms;
using Chat.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace Chat.Gateway.Tests.Transports;

/// <summary>
/// A room grain that is re-activated (as after a silo failure) starts with an empty presence list and a new epoch;
/// the gateway notices the epoch on the room's next event and sends its connections back, so nobody stays invisible.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class PresenceRepairTests(ChatCluster cluster)
{
    [Fact]
    public async Task AReactivatedRoomGetsItsOnlineUsersBackFromTheGateway()
    {
        var alice = await cluster.RegisterUserAsync("alice");
        var bob = await cluster.RegisterUserAsync("bob");
        var roomId = await TestRooms.CreateAsync(cluster, alice);
        await using var bobHub = await HubClient.ConnectAsync(cluster, bob);
        await bobHub.JoinAsync(roomId);
        await using var aliceSocket = await WsClient.ConnectAsync(cluster, alice);
        await aliceSocket.RequestAsync("join_room", new { roomId });
        var arrived = await bobHub.NextPresenceAsync();
        Assert.Equal(("joined", alice.Id), (arrived.Kind, arrived.Presence.UserId));

        var grains = cluster.GatewayServices.GetRequiredService<IClusterClient>();
        await grains.GetGrain<IRoomGrain>(roomId).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await TestRooms.SendAsync(cluster, alice, roomId, "wakes the room up");

        // The new activation knew nobody; the gateway's sync brings Alice back (Bob is told, as of a fresh arrival).
        Assert.Equal("wakes the room up", (await bobHub.NextMessageAsync()).Content);
        var back = await bobHub.NextPresenceAsync();
        Assert.Equal(("joined", alice.Id), (back.Kind, back.Presence.UserId));
        using var http = cluster.CreateClient(bob);
        var online = await http.GetFromJsonAsync<JsonElement>($"/chat/rooms/{roomId}/users");
        Assert.Equal(new[] { alice.Id, bob.Id }.Order(), online.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("userId").GetString()!).Order());
    }
}
