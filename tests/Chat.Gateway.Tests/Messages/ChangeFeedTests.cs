using System.Net;
using Chat.Gateway.Tests.Support;
using Chat.Testing;
using static Chat.Gateway.Tests.Messages.EditAndDeleteTests;

namespace Chat.Gateway.Tests.Messages;

/// <summary>
/// The per-room change feed: every change numbered gap-free, readable by a client that was offline when it happened,
/// pushed live on the hub and <c>/ws</c>, and where a join starts from.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class ChangeFeedTests(ChatCluster cluster)
{
    [Fact]
    public async Task AClientThatWasOfflineReadsEveryChangeInOrderWithTheMessagesCurrentState()
    {
        var (alice, bob, roomId) = await MessageRest.TwoUsersInANewRoomAsync(cluster);
        var first = (await alice.SendAsync(roomId, "first")).GetProperty("seq").GetInt64();
        var second = (await alice.SendAsync(roomId, "second")).GetProperty("seq").GetInt64();
        await using (var bobOnline = await HubClient.ConnectAsync(cluster, bob.User))
        {
            Assert.Equal(0, (await bobOnline.JoinAsync(roomId)).LastChangeSeq);
        }

        // Bob is offline now.
        (await alice.EditAsync(roomId, first, "first, edited")).EnsureSuccessStatusCode();
        (await bob.ReactAsync(roomId, second, "👀")).EnsureSuccessStatusCode();
        (await alice.EditAsync(roomId, first, "first, edited twice")).EnsureSuccessStatusCode();
        (await alice.DeleteAsync(roomId, second)).EnsureSuccessStatusCode();

        var all = await bob.ChangesAsync(roomId);
        var changes = all.GetProperty("changes").EnumerateArray().ToArray();
        Assert.Equal(4, all.GetProperty("lastChangeSeq").GetInt64());
        Assert.Equal([1, 2, 3, 4], changes.Select(c => c.GetProperty("changeSeq").GetInt64()));
        Assert.Equal([first, second, first, second], changes.Select(c => c.GetProperty("message").GetProperty("seq").GetInt64()));
        Assert.Equal("first, edited twice", changes[0].GetProperty("message").GetProperty("content").GetString());
        Assert.True(changes[3].GetProperty("message").GetProperty("deleted").GetBoolean());

        var page = await bob.ChangesAsync(roomId, afterChange: 1, limit: 2);
        Assert.Equal([2, 3], page.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("changeSeq").GetInt64()));
        Assert.Equal(4, page.GetProperty("lastChangeSeq").GetInt64());
        Assert.Empty((await bob.ChangesAsync(roomId, afterChange: 4)).GetProperty("changes").EnumerateArray());

        await using var bobBack = await HubClient.ConnectAsync(cluster, bob.User);
        Assert.Equal(4, (await bobBack.JoinAsync(roomId)).LastChangeSeq);
    }

    [Fact]
    public async Task ConcurrentChangesToOneRoomGetEveryNumberOnceWithoutGaps()
    {
        var (alice, bob, roomId) = await MessageRest.TwoUsersInANewRoomAsync(cluster);
        var seq = (await alice.SendAsync(roomId, "storm")).GetProperty("seq").GetInt64();
        var users = new[] { alice, bob };

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => users[i % 2].ReactAsync(roomId, seq, $"r{i % 15}")));

        var changes = (await alice.ChangesAsync(roomId, limit: 200)).GetProperty("changes").EnumerateArray()
            .Select(c => c.GetProperty("changeSeq").GetInt64()).ToArray();
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), changes);
        var reactions = (await alice.MessageAsync(roomId, seq)).GetProperty("reactions").EnumerateArray().ToArray();
        Assert.Equal(15, reactions.Length);
        Assert.All(reactions, r => Assert.Equal(2, r.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task OnTheRawWebSocketChangesAreFramesAndEveryJoinedConnectionGetsMessageUpdated()
    {
        var (alice, bob, roomId) = await MessageRest.TwoUsersInANewRoomAsync(cluster);
        await using var aliceWs = await WsClient.ConnectAsync(cluster, alice.User);
        await using var bobWs = await WsClient.ConnectAsync(cluster, bob.User);
        await aliceWs.RequestAsync("join_room", new { roomId });
        var joined = await bobWs.RequestAsync("join_room", new { roomId });
        Assert.Equal(0, joined.GetProperty("lastChangeSeq").GetInt64());
        var sent = await aliceWs.RequestAsync("send_message", new { roomId, content = "ws message" });
        var seq = sent.GetProperty("message").GetProperty("seq").GetInt64();

        var edited = await aliceWs.RequestAsync("edit_message", new { roomId, seq, content = "ws message, edited" });
        var reacted = await bobWs.RequestAsync("add_reaction", new { roomId, seq, emoji = "🚀" });
        var refused = await bobWs.RequestAsync("edit_message", new { roomId, seq, content = "not mine" });
        var page = await bobWs.RequestAsync("get_changes", new { roomId, afterChange = 0 });

        Assert.Equal("message_edited", edited.GetProperty("type").GetString());
        Assert.Equal("ws message, edited", edited.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("reaction_added", reacted.GetProperty("type").GetString());
        Assert.Equal(("error", "forbidden"), (refused.GetProperty("type").GetString(), refused.GetProperty("code").GetString()));
        Assert.Equal(2, page.GetProperty("lastChangeSeq").GetInt64());
        foreach (var client in new[] { aliceWs, bobWs })
        {
            var first = await client.ExpectTypeAsync("message_updated");
            var second = await client.ExpectTypeAsync("message_updated");
            Assert.Equal([1, 2], new[] { first, second }.Select(f => f.GetProperty("changeSeq").GetInt64()));
            Assert.Equal("🚀", second.GetProperty("message").GetProperty("reactions")[0].GetProperty("emoji").GetString());
        }
    }

    [Fact]
    public async Task ChangesOfAPrivateRoomAreHiddenFromOutsiders()
    {
        var owner = new MessageRest(cluster, await cluster.RegisterUserAsync("owner"));
        var outsider = new MessageRest(cluster, await cluster.RegisterUserAsync("outsider"));
        var roomId = await TestRooms.CreateAsync(cluster, owner.User, isPublic: false);
        var seq = (await owner.SendAsync(roomId, "private")).GetProperty("seq").GetInt64();
        using var http = cluster.CreateClient(outsider.User);

        await AssertProblemAsync(await http.GetAsync($"/chat/rooms/{roomId}/changes"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await outsider.ReactAsync(roomId, seq, "👋"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await outsider.DeleteAsync(roomId, seq), HttpStatusCode.NotFound);
        await AssertProblemAsync(await owner.GetAsync($"/chat/rooms/{roomId}/changes?afterChange=-1"), HttpStatusCode.BadRequest);
        Assert.Empty((await owner.ChangesAsync(roomId)).GetProperty("changes").EnumerateArray());
    }
}
