using System.Net.Http.Json;
using System.Text.Json;
using Chat.Gateway.Tests.Support;
using Chat.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Gateway.Tests.Transports;

/// <summary>Who is online: per user, not per connection, announced to everyone in the room but that user.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class PresenceTests(ChatCluster cluster)
{
    [Fact]
    public async Task AUserWithTwoTabsStaysOnlineUntilTheLastOneCloses()
    {
        var alice = await cluster.RegisterUserAsync("alice");
        var bob = await cluster.RegisterUserAsync("bob");
        var carol = await cluster.RegisterUserAsync("carol");
        var roomId = await TestRooms.CreateAsync(cluster, bob);
        await using var bobHub = await HubClient.ConnectAsync(cluster, bob);
        var bobJoined = await bobHub.JoinAsync(roomId);

        var aliceSocket = await WsClient.ConnectAsync(cluster, alice);
        var aliceJoined = await aliceSocket.RequestAsync("join_room", new { roomId });
        var announced = await bobHub.NextPresenceAsync();
        await using var aliceHub = await HubClient.ConnectAsync(cluster, alice, messagePack: true);
        var secondTab = await aliceHub.JoinAsync(roomId);

        Assert.Equal([bob.Id], bobJoined.OnlineUsers.Select(u => u.UserId));
        Assert.Equal(("joined", alice.Id, alice.Username, roomId), (announced.Kind, announced.Presence.UserId, announced.Presence.Username, announced.Presence.RoomId));
        Assert.Equal(new[] { alice.Id, bob.Id }.Order(), aliceJoined.GetProperty("onlineUsers").EnumerateArray().Select(u => u.GetProperty("userId").GetString()).Order());
        Assert.Equal(new[] { alice.Id, bob.Id }.Order(), secondTab.OnlineUsers.Select(u => u.UserId).Order());

        // The socket's close handshake completes after the gateway left its rooms.
        await aliceSocket.DisposeAsync();
        Assert.Contains(alice.Id, await OnlineAsync(bob, roomId));

        await using var carolHub = await HubClient.ConnectAsync(cluster, carol);
        await carolHub.JoinAsync(roomId);
        var next = await bobHub.NextPresenceAsync();
        Assert.Equal(("joined", carol.Id), (next.Kind, next.Presence.UserId));

        await aliceHub.Connection.StopAsync();
        var gone = await bobHub.NextPresenceAsync();
        Assert.Equal(("left", alice.Id), (gone.Kind, gone.Presence.UserId));
        Assert.DoesNotContain(alice.Id, await OnlineAsync(bob, roomId));
    }

    [Fact]
    public async Task AUsersOwnConnectionsAreNotToldOfTheirArrival()
    {
        var erin = await cluster.RegisterUserAsync("erin");
        var frank = await cluster.RegisterUserAsync("frank");
        var roomId = await TestRooms.CreateAsync(cluster, erin);
        await using var frankHub = await HubClient.ConnectAsync(cluster, frank);
        await frankHub.JoinAsync(roomId);
        await using var erinFirst = await HubClient.ConnectAsync(cluster, erin);
        await using var erinSecond = await HubClient.ConnectAsync(cluster, erin, messagePack: true);

        await erinFirst.JoinAsync(roomId);
        Assert.Equal(("joined", erin.Id), Describe(await frankHub.NextPresenceAsync()));
        await erinSecond.JoinAsync(roomId);
        await frankHub.LeaveAsync(roomId);

        // Up to Frank's departure, Erin's tabs hear nothing of Erin. (They may hear of Frank's own arrival: live events
        // published just before a join can reach it just after; clients add users to their list idempotently.)
        Assert.DoesNotContain(erin.Id, await PresenceUntilAsync(erinFirst, "left", frank.Id));
        Assert.DoesNotContain(erin.Id, await PresenceUntilAsync(erinSecond, "left", frank.Id));
        Assert.Equal([erin.Id], await OnlineAsync(erin, roomId));
    }

    /// <summary>The users named by presence events up to and including the expected one.</summary>
    private static async Task<List<string>> PresenceUntilAsync(HubClient hub, string kind, string userId)
    {
        var seen = new List<string>();
        while (true)
        {
            var (eventKind, presence) = await hub.NextPresenceAsync();
            seen.Add(presence.UserId);
            if (eventKind == kind && presence.UserId == userId)
            {
                return seen;
            }
        }
    }

    private static (string, string) Describe((string Kind, Contracts.PresenceDto Presence) e) => (e.Kind, e.Presence.UserId);

    private async Task<string[]> OnlineAsync(TestUser asking, string roomId)
    {
        using var http = cluster.CreateClient(asking);
        var body = await http.GetFromJsonAsync<JsonElement>($"/chat/rooms/{roomId}/users");
        return [.. body.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("userId").GetString()!)];
    }
}
