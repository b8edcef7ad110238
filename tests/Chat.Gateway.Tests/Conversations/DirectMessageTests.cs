using System.Net;
using System.Net.Http.Json;
using static Chat.Gateway.Tests.Conversations.Conversation;

namespace Chat.Gateway.Tests.Conversations;

/// <summary>Direct messages: one private room per pair, the same from either side, listed for both.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class DirectMessageTests(ChatCluster cluster)
{
    [Fact]
    public async Task OpeningADmFromEitherSideGivesTheSameRoomListedForBoth()
    {
        var ann = await cluster.RegisterUserAsync("ann");
        var bob = await cluster.RegisterUserAsync("bob");
        using var annHttp = cluster.CreateClient(ann);
        using var bobHttp = cluster.CreateClient(bob);

        var fromAnn = await OpenDmAsync(annHttp, bob.Username);
        var again = await OpenDmAsync(annHttp, bob.Username.ToUpperInvariant());
        var fromBob = await OpenDmAsync(bobHttp, ann.Username);
        var roomId = fromAnn.GetProperty("id").GetString()!;

        Assert.Equal("dm", fromAnn.GetProperty("kind").GetString());
        Assert.False(fromAnn.GetProperty("isPublic").GetBoolean());
        Assert.Equal(roomId, again.GetProperty("id").GetString());
        Assert.Equal(roomId, fromBob.GetProperty("id").GetString());
        Assert.Equal(new[] { ann.Id, bob.Id }.Order(), fromBob.GetProperty("dmUserIds").EnumerateArray().Select(id => id.GetString()!).Order());
        Assert.Equal(2, fromBob.GetProperty("memberCount").GetInt32());
        Assert.Equal("dm", (await MyRoomAsync(annHttp, roomId))!.Value.GetProperty("kind").GetString());
        Assert.Equal("dm", (await MyRoomAsync(bobHttp, roomId))!.Value.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task ADmIsPrivateToItsTwoUsersAndCountsUnreadForTheOther()
    {
        var ann = await cluster.RegisterUserAsync("ann");
        var bob = await cluster.RegisterUserAsync("bob");
        var eve = await cluster.RegisterUserAsync("eve");
        using var annHttp = cluster.CreateClient(ann);
        using var bobHttp = cluster.CreateClient(bob);
        using var eveHttp = cluster.CreateClient(eve);
        var roomId = (await OpenDmAsync(annHttp, bob.Username)).GetProperty("id").GetString()!;

        await TestRooms.SendAsync(cluster, ann, roomId, "psst");

        Assert.Equal(1, (await MyRoomAsync(bobHttp, roomId))!.Value.GetProperty("unreadCount").GetInt64());
        await AssertProblemAsync(await eveHttp.GetAsync($"/chat/rooms/{roomId}/messages"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await eveHttp.PostAsync($"/chat/rooms/{roomId}/join", null), HttpStatusCode.NotFound);
        await AssertProblemAsync(await annHttp.PostAsync($"/chat/rooms/{roomId}/leave", null), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await annHttp.DeleteAsync($"/chat/rooms/{roomId}"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ADmWithYourselfOrAnUnknownUserIsRefusedAndCreatesNothing()
    {
        var ann = await cluster.RegisterUserAsync("ann");
        using var http = cluster.CreateClient(ann);
        var before = (await MyRoomsAsync(http)).Length;

        await AssertProblemAsync(await http.PostAsJsonAsync("/chat/dms", new { username = ann.Username }), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await http.PostAsJsonAsync("/chat/dms", new { username = "nobody_by_that_name" }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await http.PostAsJsonAsync("/chat/dms", new { }), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await http.PostAsJsonAsync("/chat/rooms", new { id = "dm-squatting", name = "Not a DM" }), HttpStatusCode.BadRequest);

        Assert.Equal(before, (await MyRoomsAsync(http)).Length);
    }
}
