using Chat.Gateway.Presence;
using Chat.Gateway.Tests.Support;
using Chat.Leases;
using Chat.Presence;
using Chat.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Tests.Presence;

/// <summary>
/// A live gateway that the cluster dropped (its lease lapsed while it was only slow) finds its lease unknown at the
/// next renewal and reports its users again: nobody connected stays offline.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class PresenceResyncTests(ChatCluster cluster)
{
    [Fact]
    public async Task Users_of_a_gateway_the_cluster_dropped_are_online_again_after_its_next_renewal()
    {
        await using var second = await cluster.StartGatewayAsync();
        var alice = await cluster.RegisterUserAsync("alice");
        var grains = second.Services.GetRequiredService<IClusterClient>();
        var presence = grains.GetGrain<IUserPresenceGrain>(alice.Id);
        await using var aliceThere = await WsClient.ConnectAsync(second.HttpBaseAddress, alice);
        await Wait.UntilAsync(async () => (await presence.GetPresence()).Online, "alice is online");

        // As a lapse does: the lease drops the gateway from its users and forgets it.
        var gatewayId = second.Services.GetRequiredService<IOptions<ChatGatewayOptions>>().Value.Id;
        await grains.GetGrain<IGatewayGrain>(gatewayId).Release();
        var dropped = await presence.GetPresence();

        Assert.False(dropped.Online);
        await Wait.UntilAsync(async () => (await presence.GetPresence()).Online, "alice is online again");
        Assert.True(second.Services.GetRequiredService<LocalUsers>().Holds(alice.Id));
    }
}
