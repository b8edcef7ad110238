using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Chat.Gateway.Tests.Conversations.Conversation;

namespace Chat.Gateway.Tests.Conversations;

/// <summary>Server-side membership and read state over REST: the list that follows a user to every device.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class MembershipTests(ChatCluster cluster)
{
    [Fact]
    public async Task ANewUserIsAMemberOfGeneralAndACreatorOwnsTheirNewRoom()
    {
        var ann = await cluster.RegisterUserAsync("ann");
        using var http = cluster.CreateClient(ann);
        var roomId = await TestRooms.CreateAsync(cluster, ann, isPublic: false);

        var rooms = await MyRoomsAsync(http);
        var general = rooms.Single(room => room.GetProperty("id").GetString() == "general");
        var created = rooms.Single(room => room.GetProperty("id").GetString() == roomId);

        Assert.Equal("public", general.GetProperty("kind").GetString());
        Assert.Equal(0, general.GetProperty("unreadCount").GetInt64());
        Assert.Equal("private", created.GetProperty("kind").GetString());
        Assert.Equal(ann.Id, created.GetProperty("ownerId").GetString());
        Assert.Equal(1, created.GetProperty("memberCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("lastMessageAt").ValueKind);
    }

    [Fact]
    public async Task UnreadIsTheRoomsSeqMinusTheReadPositionWhichOnlyMovesForward()
    {
        var owner = await cluster.RegisterUserAsync("owner");
        var reader = await cluster.RegisterUserAsync("reader");
        var roomId = await TestRooms.CreateAsync(cluster, owner);
        using var http = cluster.CreateClient(reader);
        await JoinAsync(http, roomId);
        for (var i = 1; i <= 3; i++)
        {
            await TestRooms.SendAsync(cluster, owner, roomId, $"message {i}");
        }

        var before = (await MyRoomAsync(http, roomId))!.Value;
        using var forward = await MarkReadAsync(http, roomId, 2);
        using var backward = await MarkReadAsync(http, roomId, 1);
        var after = (await MyRoomAsync(http, roomId))!.Value;

        Assert.Equal(3, before.GetProperty("lastSeq").GetInt64());
        Assert.Equal(3, before.GetProperty("unreadCount").GetInt64());
        Assert.True(before.GetProperty("lastMessageAt").GetInt64() > 0);
        Assert.Equal(HttpStatusCode.NoContent, forward.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, backward.StatusCode);
        Assert.Equal(2, after.GetProperty("lastReadSeq").GetInt64());
        Assert.Equal(1, after.GetProperty("unreadCount").GetInt64());
    }

    [Fact]
    public async Task BadReadPositionsAreRefusedAndChangeNothing()
    {
        var owner = await cluster.RegisterUserAsync("owner");
        var roomId = await TestRooms.CreateAsync(cluster, owner);
        await TestRooms.SendAsync(cluster, owner, roomId, "only message");
        using var http = cluster.CreateClient(owner);
        var outsider = await cluster.RegisterUserAsync("outsider");
        using var outsiderHttp = cluster.CreateClient(outsider);

        await AssertProblemAsync(await MarkReadAsync(http, roomId, 2), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await MarkReadAsync(http, roomId, -1), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await http.PutAsJsonAsync($"/chat/rooms/{roomId}/read", new { }), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await MarkReadAsync(http, "no-such-room-here", 0), HttpStatusCode.NotFound);
        await AssertProblemAsync(await MarkReadAsync(outsiderHttp, roomId, 1), HttpStatusCode.Forbidden);

        var listed = (await MyRoomAsync(http, roomId))!.Value;
        Assert.Equal(0, listed.GetProperty("lastReadSeq").GetInt64());
        Assert.Equal(1, listed.GetProperty("unreadCount").GetInt64());
        Assert.Null(await MyRoomAsync(outsiderHttp, roomId));
    }

    [Fact]
    public async Task LeavingTakesTheRoomOffTheListAndTheOwnerCannotLeave()
    {
        var owner = await cluster.RegisterUserAsync("owner");
        var member = await cluster.RegisterUserAsync("member");
        var roomId = await TestRooms.CreateAsync(cluster, owner);
        using var ownerHttp = cluster.CreateClient(owner);
        using var memberHttp = cluster.CreateClient(member);
        await JoinAsync(memberHttp, roomId);
        var joined = (await MyRoomAsync(memberHttp, roomId))!.Value;

        using var left = await memberHttp.PostAsync($"/chat/rooms/{roomId}/leave", null);
        await AssertProblemAsync(await ownerHttp.PostAsync($"/chat/rooms/{roomId}/leave", null), HttpStatusCode.Conflict);
        await AssertProblemAsync(await memberHttp.PostAsync("/chat/rooms/NOT a room/join", null), HttpStatusCode.BadRequest);

        Assert.Equal(2, joined.GetProperty("memberCount").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        Assert.Null(await MyRoomAsync(memberHttp, roomId));
        Assert.Equal(1, (await MyRoomAsync(ownerHttp, roomId))!.Value.GetProperty("memberCount").GetInt32());
    }

    [Fact]
    public async Task MentionsOfMembersAreFoundByTheServerAndCountedUntilRead()
    {
        var owner = await cluster.RegisterUserAsync("owner");
        var member = await cluster.RegisterUserAsync("member");
        var outsider = await cluster.RegisterUserAsync("outsider");
        var roomId = await TestRooms.CreateAsync(cluster, owner);
        using var memberHttp = cluster.CreateClient(member);
        await JoinAsync(memberHttp, roomId);

        var sent = await TestRooms.SendAsync(cluster, owner, roomId, $"hi @{member.Username.ToUpperInvariant()}, @{outsider.Username} and @{owner.Username}");
        await TestRooms.SendAsync(cluster, owner, roomId, $"again @{member.Username}!");
        var mentioned = (await MyRoomAsync(memberHttp, roomId))!.Value;
        using var read = await MarkReadAsync(memberHttp, roomId, sent.GetProperty("seq").GetInt64());
        var halfRead = (await MyRoomAsync(memberHttp, roomId))!.Value;

        Assert.Equal([member.Id], sent.GetProperty("mentions").EnumerateArray().Select(id => id.GetString()));
        Assert.Equal(2, mentioned.GetProperty("mentionCount").GetInt32());
        Assert.Equal(1, halfRead.GetProperty("mentionCount").GetInt32());
    }
}
