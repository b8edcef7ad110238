using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Testing;

namespace Chat.Gateway.Tests.Messages;

/// <summary>Editing and deleting stored messages over REST: who may, what is stored, what others see live.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class EditAndDeleteTests(ChatCluster cluster)
{
    [Fact]
    public async Task TheAuthorsEditIsStoredBeforeTheAnswerAndSeenLiveByJoinedConnections()
    {
        var (alice, bob, roomId) = await MessageRest.TwoUsersInANewRoomAsync(cluster);
        await using var bobLive = await HubClient.ConnectAsync(cluster, bob.User);
        var joined = await bobLive.JoinAsync(roomId);
        var seq = (await alice.SendAsync(roomId, "helo world")).GetProperty("seq").GetInt64();

        using var edited = await alice.EditAsync(roomId, seq, "  hello world  ");

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var body = await edited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("hello world", body.GetProperty("content").GetString());
        Assert.True(body.GetProperty("editedAt").GetInt64() > 0);
        Assert.Equal(("hello world", false), await MessageRest.StoredRowAsync(cluster, roomId, seq));

        var update = await bobLive.NextUpdateAsync();
        Assert.Equal(joined.LastChangeSeq + 1, update.ChangeSeq);
        Assert.Equal((roomId, seq, "hello world"), (update.RoomId, update.Message.Seq, update.Message.Content));
        Assert.Equal("hello world", (await bob.MessageAsync(roomId, seq)).GetProperty("content").GetString());
    }

    [Fact]
    public async Task RefusedEditsAnswerClearlyAndChangeNothing()
    {
        var (alice, bob, roomId) = await MessageRest.TwoUsersInANewRoomAsync(cluster);
        var seq = (await alice.SendAsync(roomId, "original")).GetProperty("seq").GetInt64();
        var deletedSeq = (await alice.SendAsync(roomId, "soon gone")).GetProperty("seq").GetInt64();
        (await alice.DeleteAsync(roomId, deletedSeq)).EnsureSuccessStatusCode();
        var changesBefore = (await alice.ChangesAsync(roomId)).GetProperty("lastChangeSeq").GetInt64();

        await AssertProblemAsync(await bob.EditAsync(roomId, seq, "not yours"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await alice.EditAsync(roomId, deletedSeq, "back from the dead"), HttpStatusCode.Conflict);
        await AssertProblemAsync(await alice.EditAsync(roomId, 999, "no such message"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await alice.EditAsync(roomId, seq, "   "), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await alice.EditAsync(roomId, seq, new string('x', 4001)), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await alice.EditAsync(roomId, 0, "seq zero"), HttpStatusCode.BadRequest);

        Assert.Equal("original", (await alice.MessageAsync(roomId, seq)).GetProperty("content").GetString());
        Assert.Equal(changesBefore, (await alice.ChangesAsync(roomId)).GetProperty("lastChangeSeq").GetInt64());
    }

    [Fact]
    public async Task DeletingRemovesTheContentFromTheStoreAndKeepsHistoryGapFree()
    {
        var (alice, bob, roomId) = await MessageRest.TwoUsersInANewRoomAsync(cluster);
        var secret = $"secret-{Guid.NewGuid():N}";
        await alice.SendAsync(roomId, "before");
        var seq = (await bob.SendAsync(roomId, secret)).GetProperty("seq").GetInt64();
        (await alice.ReactAsync(roomId, seq, "👍")).EnsureSuccessStatusCode();
        await bob.EditAsync(roomId, seq, secret + " (edited)");
        await alice.SendAsync(roomId, "after");

        using var deleted = await bob.DeleteAsync(roomId, seq);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(("", true), await MessageRest.StoredRowAsync(cluster, roomId, seq));
        Assert.Equal(0, await MessageRest.RowsContainingAsync(cluster, secret));
        var history = await alice.HistoryAsync(roomId);
        Assert.Equal([1, 2, 3], history.Select(m => m.GetProperty("seq").GetInt64()));
        var gone = history[1];
        Assert.True(gone.GetProperty("deleted").GetBoolean());
        Assert.Equal("", gone.GetProperty("content").GetString());
        Assert.Empty(gone.GetProperty("reactions").EnumerateArray());
    }

    [Fact]
    public async Task TheRoomsOwnerMayDeleteAnyMessageOthersOnlyTheirOwnAndDeletingTwiceChangesNothing()
    {
        var (owner, member, roomId) = await MessageRest.TwoUsersInANewRoomAsync(cluster);
        var byOwner = (await owner.SendAsync(roomId, "owner's")).GetProperty("seq").GetInt64();
        var byMember = (await member.SendAsync(roomId, "member's")).GetProperty("seq").GetInt64();

        await AssertProblemAsync(await member.DeleteAsync(roomId, byOwner), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync(roomId, byMember)).StatusCode);
        var changes = (await owner.ChangesAsync(roomId)).GetProperty("lastChangeSeq").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync(roomId, byMember)).StatusCode);

        Assert.Equal(changes, (await owner.ChangesAsync(roomId)).GetProperty("lastChangeSeq").GetInt64());
        Assert.Equal("owner's", (await owner.MessageAsync(roomId, byOwner)).GetProperty("content").GetString());
        await AssertProblemAsync(await owner.DeleteAsync(roomId, 999), HttpStatusCode.NotFound);
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        }
    }
}
