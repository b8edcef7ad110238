using Chat.Client.Rest;
using Chat.Testing;

namespace Chat.Client.Tests.Rest;

/// <summary>
/// <see cref="ChatRestClient"/>'s replies, edits, deletions, reactions and change feed against a real gateway and silo:
/// the same shapes as the hub side of <see cref="ChatClient"/>, refusals as <see cref="ChatClientException"/>s.
/// </summary>
[Collection(RestClusterCollection.Name)]
public sealed class RestMessageChangesTests(ChatCluster cluster)
{
    [Fact]
    public async Task EditsReactionsRepliesAndDeletesAreStoredAndReadBackInOrderFromTheChangeFeed()
    {
        var alice = await cluster.RegisterUserAsync("restalice");
        var bob = await cluster.RegisterUserAsync("restbob");
        var roomId = await TestRooms.CreateAsync(cluster, alice);
        var aliceRest = RestFor(alice);
        var bobRest = RestFor(bob);

        var (original, created) = await aliceRest.SendMessageAsync(roomId, "first draft");
        Assert.True(created);
        var (reply, _) = await bobRest.ReplyAsync(roomId, original.Seq, "answering it");
        Assert.Equal((original.Seq, "first draft"), (reply.ReplyTo?.Seq, reply.ReplyTo?.Excerpt));
        var startChange = (await aliceRest.GetChangesAsync(roomId)).LastChangeSeq;

        var edited = await aliceRest.EditMessageAsync(roomId, original.Seq, "final text");
        Assert.Equal("final text", edited.Content);
        Assert.NotNull(edited.EditedAt);
        await bobRest.AddReactionAsync(roomId, original.Seq, "👍");
        await bobRest.AddReactionAsync(roomId, original.Seq, "👍"); // idempotent: no second change
        await aliceRest.AddReactionAsync(roomId, original.Seq, "🎉");
        await aliceRest.RemoveReactionAsync(roomId, original.Seq, "🎉");
        await aliceRest.DeleteMessageAsync(roomId, reply.Seq); // the room's owner may delete any message

        var changes = await bobRest.GetChangesAsync(roomId, afterChange: startChange);
        Assert.Equal(
            [(original.Seq, "final text"), (original.Seq, "final text"), (original.Seq, "final text"), (original.Seq, "final text"), (reply.Seq, "")],
            changes.Changes.Select(c => (c.Message.Seq, c.Message.Content)));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => startChange + i), changes.Changes.Select(c => c.ChangeSeq));
        Assert.Equal(changes.Changes[^1].ChangeSeq, changes.LastChangeSeq);
        // Each entry carries the message as it is now: one 👍 by bob (his second add and alice's 🎉 left no trace).
        Assert.All(changes.Changes.Take(4), change => Assert.Equal([("👍", 1)], change.Message.Reactions.Select(r => (r.Emoji, r.Count))));
        Assert.True(changes.Changes[4].Message.Deleted);
        var last = Assert.Single((await bobRest.GetChangesAsync(roomId, afterChange: changes.Changes[3].ChangeSeq, limit: 1)).Changes);
        Assert.Equal((changes.Changes[4].ChangeSeq, reply.Seq), (last.ChangeSeq, last.Message.Seq));

        var history = await bobRest.GetMessagesAsync(roomId);
        Assert.Equal(["final text", ""], history.Select(m => m.Content));
    }

    [Fact]
    public async Task RefusalsAreChatClientExceptionsWithTheServersReason()
    {
        var alice = await cluster.RegisterUserAsync("restowner");
        var bob = await cluster.RegisterUserAsync("restother");
        var roomId = await TestRooms.CreateAsync(cluster, alice);
        var privateRoom = await TestRooms.CreateAsync(cluster, alice, isPublic: false);
        var (message, _) = await RestFor(alice).SendMessageAsync(roomId, "mine");
        var bobRest = RestFor(bob);

        Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatClientException>(() => bobRest.EditMessageAsync(roomId, message.Seq, "not yours"))).Error);
        Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatClientException>(() => bobRest.DeleteMessageAsync(roomId, message.Seq))).Error);
        Assert.Equal(ChatError.NotFound, (await Assert.ThrowsAsync<ChatClientException>(() => bobRest.AddReactionAsync(roomId, message.Seq + 100, "👍"))).Error);
        Assert.Equal(ChatError.NotFound, (await Assert.ThrowsAsync<ChatClientException>(() => bobRest.GetChangesAsync(privateRoom))).Error);
        Assert.Equal(ChatError.BadRequest, (await Assert.ThrowsAsync<ChatClientException>(() => RestFor(alice).EditMessageAsync(roomId, message.Seq, ""))).Error);
        Assert.Equal("mine", Assert.Single(await bobRest.GetMessagesAsync(roomId)).Content); // nothing changed
    }

    private ChatRestClient RestFor(TestUser user) =>
        new(new HttpClient(), [cluster.HttpBaseAddress]) { AccessToken = user.Token };
}
