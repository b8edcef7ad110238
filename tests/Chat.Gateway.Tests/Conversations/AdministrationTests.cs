using System.Net;
using System.Net.Http.Json;
using static Chat.Gateway.Tests.Conversations.Conversation;

namespace Chat.Gateway.Tests.Conversations;

/// <summary>What a room's owner may do (rename, remove a member, delete), and what nobody else may.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class AdministrationTests(ChatCluster cluster)
{
    [Fact]
    public async Task OnlyTheOwnerRenamesAndEveryMemberSeesTheNewName()
    {
        var owner = await cluster.RegisterUserAsync("owner");
        var member = await cluster.RegisterUserAsync("member");
        var roomId = await TestRooms.CreateAsync(cluster, owner);
        using var ownerHttp = cluster.CreateClient(owner);
        using var memberHttp = cluster.CreateClient(member);
        await JoinAsync(memberHttp, roomId);

        await AssertProblemAsync(await memberHttp.PatchAsJsonAsync($"/chat/rooms/{roomId}", new { name = "Mine now" }), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await ownerHttp.PatchAsJsonAsync($"/chat/rooms/{roomId}", new { }), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await ownerHttp.PatchAsJsonAsync($"/chat/rooms/{roomId}", new { name = new string('x', 101) }), HttpStatusCode.BadRequest);
        using var renamed = await ownerHttp.PatchAsJsonAsync($"/chat/rooms/{roomId}", new { name = "Book club", description = "Chapter 3" });
        await AssertOkAsync(renamed);

        var seen = (await MyRoomAsync(memberHttp, roomId))!.Value;
        Assert.Equal("Book club", seen.GetProperty("name").GetString());
        Assert.Equal("Chapter 3", seen.GetProperty("description").GetString());
    }

    [Fact]
    public async Task ARemovedMemberLosesAccessAndTheOwnerCannotBeRemoved()
    {
        var owner = await cluster.RegisterUserAsync("owner");
        var member = await cluster.RegisterUserAsync("member");
        var roomId = await TestRooms.CreateAsync(cluster, owner);
        using var ownerHttp = cluster.CreateClient(owner);
        using var memberHttp = cluster.CreateClient(member);
        await JoinAsync(memberHttp, roomId);

        await AssertProblemAsync(await memberHttp.DeleteAsync($"/chat/rooms/{roomId}/members/{owner.Id}"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await ownerHttp.DeleteAsync($"/chat/rooms/{roomId}/members/{owner.Id}"), HttpStatusCode.BadRequest);
        using var removed = await ownerHttp.DeleteAsync($"/chat/rooms/{roomId}/members/{member.Id}");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Null(await MyRoomAsync(memberHttp, roomId));
        await AssertProblemAsync(await memberHttp.GetAsync($"/chat/rooms/{roomId}/messages"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await memberHttp.PostAsync($"/chat/rooms/{roomId}/join", null), HttpStatusCode.NotFound);
        await AssertProblemAsync(await ownerHttp.DeleteAsync($"/chat/rooms/{roomId}/members/{member.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ADeletedRoomIsNotFoundForEveryoneAndDefaultRoomsCannotBeDeleted()
    {
        var owner = await cluster.RegisterUserAsync("owner");
        var member = await cluster.RegisterUserAsync("member");
        var roomId = await TestRooms.CreateAsync(cluster, owner);
        await TestRooms.SendAsync(cluster, owner, roomId, "before the end");
        using var ownerHttp = cluster.CreateClient(owner);
        using var memberHttp = cluster.CreateClient(member);
        await JoinAsync(memberHttp, roomId);

        await AssertProblemAsync(await memberHttp.DeleteAsync($"/chat/rooms/{roomId}"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await ownerHttp.DeleteAsync("/chat/rooms/general"), HttpStatusCode.Forbidden);
        using var deleted = await ownerHttp.DeleteAsync($"/chat/rooms/{roomId}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertProblemAsync(await ownerHttp.GetAsync($"/chat/rooms/{roomId}/messages"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await memberHttp.PostAsJsonAsync("/chat/messages", new { roomId, content = "anyone?" }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await ownerHttp.PostAsJsonAsync("/chat/rooms", new { id = roomId, name = "Again" }), HttpStatusCode.Conflict);
        Assert.Null(await MyRoomAsync(ownerHttp, roomId));
        Assert.Null(await MyRoomAsync(memberHttp, roomId));
        var listed = await memberHttp.GetFromJsonAsync<System.Text.Json.JsonElement>("/chat/rooms");
        Assert.DoesNotContain(roomId, listed.GetProperty("rooms").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.NotNull(await MyRoomAsync(memberHttp, "general"));
    }
}
