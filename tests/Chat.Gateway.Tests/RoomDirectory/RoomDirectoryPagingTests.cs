using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Chat.Gateway.Tests.RoomDirectory;

/// <summary>
/// The public room directory is rows read a page at a time (<c>GET /chat/rooms?cursor=&amp;limit=</c>): following
/// <c>nextCursor</c> visits every public room once, in the order they were created; callers that do not page still get
/// rooms; a cursor the server did not hand out is 400.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class RoomDirectoryPagingTests(ChatCluster cluster)
{
    [Fact]
    public async Task FollowingNextCursorVisitsEveryPublicRoomOnceInCreationOrder()
    {
        var user = await cluster.RegisterUserAsync("pager");
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await TestRooms.CreateAsync(cluster, user));
        }
        using var http = cluster.CreateClient(user);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/chat/rooms?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            var rooms = page.GetProperty("rooms").EnumerateArray().Select(room => room.GetProperty("id").GetString()!).ToList();
            Assert.InRange(rooms.Count, 1, 2);
            seen.AddRange(rooms);
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            pages++;
        }
        while (cursor is not null && pages < 10_000);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(created, seen.Where(created.Contains));
        Assert.Contains("general", seen);
    }

    [Fact]
    public async Task ACallerThatDoesNotPageStillGetsRoomsAndItsPrivateOnes()
    {
        var user = await cluster.RegisterUserAsync("nopager");
        var secret = await TestRooms.CreateAsync(cluster, user, isPublic: false);
        using var http = cluster.CreateClient(user);

        var body = await http.GetFromJsonAsync<JsonElement>("/chat/rooms");

        var ids = body.GetProperty("rooms").EnumerateArray().Select(room => room.GetProperty("id").GetString()).ToList();
        Assert.Contains("general", ids);
        Assert.Contains(secret, ids);
    }

    [Theory]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("cursor=-1")]
    [InlineData("limit=0")]
    public async Task AnInvalidCursorOrLimitIs400(string query)
    {
        using var http = cluster.CreateClient(await cluster.RegisterUserAsync("pager"));

        using var response = await http.GetAsync($"/chat/rooms?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
