using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Gateway.Tests.Support;
using Chat.Testing;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Gateway.Tests.Transports;

/// <summary>Private rooms: invisible to outsiders (404, as if absent), open to members the creator adds.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class AccessTests(ChatCluster cluster)
{
    [Fact]
    public async Task APrivateRoomIsNotFoundForOutsidersOnEveryTransport()
    {
        var owner = await cluster.RegisterUserAsync("owner");
        var outsider = await cluster.RegisterUserAsync("outsider");
        var roomId = await TestRooms.CreateAsync(cluster, owner, isPublic: false);
        using var http = cluster.CreateClient(outsider);
        await using var hub = await HubClient.ConnectAsync(cluster, outsider);
        await using var socket = await WsClient.ConnectAsync(cluster, outsider);

        await RestContractTests.AssertProblemAsync(await http.GetAsync($"/chat/rooms/{roomId}/messages"), HttpStatusCode.NotFound);
        await RestContractTests.AssertProblemAsync(await http.PostAsJsonAsync("/chat/messages", new { roomId, content = "let me in" }), HttpStatusCode.NotFound);
        await RestContractTests.AssertProblemAsync(await http.GetAsync($"/chat/rooms/{roomId}/users"), HttpStatusCode.NotFound);
        var hubRefusal = await Assert.ThrowsAsync<HubException>(() => hub.JoinAsync(roomId));
        var wsRefusal = await socket.RequestAsync("join_room", new { roomId });
        var listed = await http.GetFromJsonAsync<JsonElement>("/chat/rooms");

        Assert.Contains("HubException: not_found:", hubRefusal.Message);
        Assert.Equal("not_found", wsRefusal.GetProperty("code").GetString());
        Assert.DoesNotContain(roomId, listed.GetProperty("rooms").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task OnlyTheCreatorAddsMembersAndAMemberCanThenTakePart()
    {
        var owner = await cluster.RegisterUserAsync("owner");
        var member = await cluster.RegisterUserAsync("member");
        var outsider = await cluster.RegisterUserAsync("outsider");
        var roomId = await TestRooms.CreateAsync(cluster, owner, isPublic: false);
        using var ownerHttp = cluster.CreateClient(owner);
        using var memberHttp = cluster.CreateClient(member);
        using var outsiderHttp = cluster.CreateClient(outsider);

        using var added = await ownerHttp.PostAsJsonAsync($"/chat/rooms/{roomId}/members", new { username = member.Username.ToUpperInvariant() });
        using var byMember = await memberHttp.PostAsJsonAsync($"/chat/rooms/{roomId}/members", new { username = outsider.Username });
        using var byOutsider = await outsiderHttp.PostAsJsonAsync($"/chat/rooms/{roomId}/members", new { username = outsider.Username });
        using var unknown = await ownerHttp.PostAsJsonAsync($"/chat/rooms/{roomId}/members", new { username = "nobody_at_all_here" });
        await TestRooms.SendAsync(cluster, member, roomId, "glad to be here");
        var listed = await memberHttp.GetFromJsonAsync<JsonElement>("/chat/rooms");

        Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        await RestContractTests.AssertProblemAsync(byMember, HttpStatusCode.Forbidden);
        await RestContractTests.AssertProblemAsync(byOutsider, HttpStatusCode.NotFound);
        await RestContractTests.AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        Assert.Contains(roomId, listed.GetProperty("rooms").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        await RestContractTests.AssertProblemAsync(await outsiderHttp.GetAsync($"/chat/rooms/{roomId}/messages"), HttpStatusCode.NotFound);
    }
}
