using Chat.Contracts;
using Chat.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Gateway.Tests.Messages;

/// <summary>The hub's methods for replies, edits, reactions and the change feed, on both SignalR protocols.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class HubMessageChangeTests(ChatCluster cluster)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RepliesEditsReactionsAndTheChangeFeedWorkOnTheHub(bool messagePack)
    {
        var (alice, bob, roomId) = await MessageRest.TwoUsersInANewRoomAsync(cluster);
        await using var aliceHub = await HubClient.ConnectAsync(cluster, alice.User, messagePack);
        await using var bobHub = await HubClient.ConnectAsync(cluster, bob.User, messagePack);
        await aliceHub.JoinAsync(roomId);
        await bobHub.JoinAsync(roomId);
        var original = await aliceHub.SendAsync(roomId, "hub message");

        var reply = await bobHub.Connection.InvokeAsync<MessageDto>("SendReply", roomId, "hub reply", null, original.Seq);
        var edited = await aliceHub.Connection.InvokeAsync<MessageDto>("EditMessage", roomId, original.Seq, "hub message, edited");
        await bobHub.Connection.InvokeAsync("AddReaction", roomId, original.Seq, "👍");
        await bobHub.Connection.InvokeAsync("RemoveReaction", roomId, original.Seq, "👍");
        await aliceHub.Connection.InvokeAsync("DeleteMessage", roomId, reply.Seq);
        var changes = await bobHub.Connection.InvokeAsync<ChangesDto>("GetChanges", roomId, 0L, null);
        var refused = await Assert.ThrowsAsync<HubException>(() =>
            bobHub.Connection.InvokeAsync<MessageDto>("EditMessage", roomId, original.Seq, "not mine"));

        Assert.Equal((original.Seq, "hub message"), (reply.ReplyTo!.Seq, reply.ReplyTo.Excerpt));
        Assert.Equal("hub message, edited", edited.Content);
        Assert.Equal([1L, 2, 3, 4], changes.Changes.Select(c => c.ChangeSeq));
        Assert.True(changes.Changes[3].Message.Deleted);
        Assert.Equal(4, changes.LastChangeSeq);
        Assert.Contains("forbidden: ", refused.Message);
        var pushed = new[] { await aliceHub.NextUpdateAsync(), await aliceHub.NextUpdateAsync(), await aliceHub.NextUpdateAsync(), await aliceHub.NextUpdateAsync() };
        Assert.Equal([1L, 2, 3, 4], pushed.Select(u => u.ChangeSeq));
        Assert.Equal("👍", pushed[1].Message.Reactions.Single().Emoji);
    }
}
