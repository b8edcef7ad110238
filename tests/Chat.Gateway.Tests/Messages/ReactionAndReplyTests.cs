using System.Net;
using Chat.Testing;
using static Chat.Gateway.Tests.Messages.EditAndDeleteTests;

namespace Chat.Gateway.Tests.Messages;

/// <summary>Reactions (idempotent, bounded) and replies (an excerpt of the original, as it is now).</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class ReactionAndReplyTests(ChatCluster cluster)
{
    [Fact]
    public async Task ReactingTwiceCountsOnceAndRemovingTwiceChangesNothing()
    {
        var (alice, bob, roomId) = await MessageRest.TwoUsersInANewRoomAsync(cluster);
        var seq = (await alice.SendAsync(roomId, "react to me")).GetProperty("seq").GetInt64();

        Assert.Equal(HttpStatusCode.NoContent, (await alice.ReactAsync(roomId, seq, "👍")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.ReactAsync(roomId, seq, "👍")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await bob.ReactAsync(roomId, seq, "👍")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await bob.ReactAsync(roomId, seq, "🎉")).StatusCode);

        var reactions = (await alice.MessageAsync(roomId, seq)).GetProperty("reactions").EnumerateArray().ToArray();
        Assert.Equal(["👍", "🎉"], reactions.Select(r => r.GetProperty("emoji").GetString()));
        Assert.Equal(2, reactions[0].GetProperty("count").GetInt32());
        Assert.Equal([alice.User.Id, bob.User.Id], reactions[0].GetProperty("userIds").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(3, (await alice.ChangesAsync(roomId)).GetProperty("lastChangeSeq").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await bob.UnreactAsync(roomId, seq, "🎉")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await bob.UnreactAsync(roomId, seq, "🎉")).StatusCode);

        Assert.Equal(["👍"], (await alice.MessageAsync(roomId, seq)).GetProperty("reactions").EnumerateArray().Select(r => r.GetProperty("emoji").GetString()));
        Assert.Equal(4, (await alice.ChangesAsync(roomId)).GetProperty("lastChangeSeq").GetInt64());
    }

    [Fact]
    public async Task ATwentyFirstDistinctEmojiOrABadOneIsRefusedAndChangesNothing()
    {
        var (alice, _, roomId) = await MessageRest.TwoUsersInANewRoomAsync(cluster);
        var seq = (await alice.SendAsync(roomId, "so many feelings")).GetProperty("seq").GetInt64();
        for (var i = 0; i < 20; i++)
        {
            (await alice.ReactAsync(roomId, seq, $"e{i}")).EnsureSuccessStatusCode();
        }

        await AssertProblemAsync(await alice.ReactAsync(roomId, seq, "one-too-many"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await alice.ReactAsync(roomId, seq, new string('x', 33)), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await alice.ReactAsync(roomId, seq, "two words"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await alice.ReactAsync(roomId, 999, "e0"), HttpStatusCode.NotFound);

        Assert.Equal(20, (await alice.MessageAsync(roomId, seq)).GetProperty("reactions").GetArrayLength());
        Assert.Equal(20, (await alice.ChangesAsync(roomId)).GetProperty("lastChangeSeq").GetInt64());
        // An emoji already on the message is still welcome.
        Assert.Equal(HttpStatusCode.NoContent, (await alice.ReactAsync(roomId, seq, "e3")).StatusCode);
    }

    [Fact]
    public async Task AReplyQuotesAnExcerptOfTheOriginalThatFollowsItsEditsAndGoesWithItsDeletion()
    {
        var (alice, bob, roomId) = await MessageRest.TwoUsersInANewRoomAsync(cluster);
        var original = new string('a', 150);
        var seq = (await alice.SendAsync(roomId, original)).GetProperty("seq").GetInt64();

        var reply = await bob.SendAsync(roomId, "I agree", replyToSeq: seq);

        var quote = reply.GetProperty("replyTo");
        Assert.Equal(seq, quote.GetProperty("seq").GetInt64());
        Assert.Equal(alice.User.Id, quote.GetProperty("userId").GetString());
        Assert.Equal(alice.User.Username, quote.GetProperty("username").GetString());
        Assert.Equal(new string('a', 100) + "…", quote.GetProperty("excerpt").GetString());
        var replySeq = reply.GetProperty("seq").GetInt64();

        (await alice.EditAsync(roomId, seq, "short now")).EnsureSuccessStatusCode();
        Assert.Equal("short now", (await bob.MessageAsync(roomId, replySeq)).GetProperty("replyTo").GetProperty("excerpt").GetString());

        (await alice.DeleteAsync(roomId, seq)).EnsureSuccessStatusCode();
        Assert.Equal("", (await bob.MessageAsync(roomId, replySeq)).GetProperty("replyTo").GetProperty("excerpt").GetString());
    }

    [Fact]
    public async Task AReplyToAMessageTheRoomDoesNotHaveIsRefused()
    {
        var (alice, _, roomId) = await MessageRest.TwoUsersInANewRoomAsync(cluster);
        using var http = cluster.CreateClient(alice.User);

        using var response = await http.PostAsync("/chat/messages", System.Net.Http.Json.JsonContent.Create(new { roomId, content = "to nothing", replyToSeq = 42 }));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty(await alice.HistoryAsync(roomId));
    }
}
