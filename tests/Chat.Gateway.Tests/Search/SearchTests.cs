using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Gateway.Tests.Transports;
using Chat.Testing;
using MySqlConnector;

namespace Chat.Gateway.Tests.Search;

/// <summary>
/// <c>GET /chat/search</c> on the production profile (MariaDB): English words and Chinese text without spaces, newest
/// first, only rooms the caller may read, never a deleted message, paged without gaps or repeats.
/// Each test uses a word of its own (<see cref="Word"/>), so tests never see each other's messages.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class SearchTests(ChatCluster cluster)
{
    [Fact]
    public async Task EnglishWordsAreFoundCaseInsensitivelyNewestFirstAndEveryWordMustOccur()
    {
        var user = await cluster.RegisterUserAsync("finder");
        var roomId = await TestRooms.CreateAsync(cluster, user);
        var fox = Word();
        var first = await TestRooms.SendAsync(cluster, user, roomId, $"The quick brown {fox} jumps over the lazy dog");
        await TestRooms.SendAsync(cluster, user, roomId, "nothing to see here");
        var second = await TestRooms.SendAsync(cluster, user, roomId, $"Another {fox.ToUpperInvariant()}, QUICK as ever!");
        await TestRooms.SendAsync(cluster, user, roomId, $"{fox}es are not {fox}ish");

        Assert.Equal([Seq(second), Seq(first)], Seqs(await SearchAsync(user, $"q={fox}&roomId={roomId}")));
        Assert.Equal([Seq(second), Seq(first)], Seqs(await SearchAsync(user, $"q={Uri.EscapeDataString($"quick {fox}")}")));
        Assert.Equal([Seq(first)], Seqs(await SearchAsync(user, $"q={Uri.EscapeDataString($"{fox} lazy dog")}")));
        Assert.Empty(Seqs(await SearchAsync(user, $"q={Uri.EscapeDataString($"{fox} cat")}")));
    }

    [Fact]
    public async Task ChineseTextIsFoundWithoutSpacesBetweenWords()
    {
        var user = await cluster.RegisterUserAsync("zh");
        var roomId = await TestRooms.CreateAsync(cluster, user);
        var tag = Word();
        var design = await TestRooms.SendAsync(cluster, user, roomId, $"{tag} 我们今天讨论分布式系统的设计");
        var meeting = await TestRooms.SendAsync(cluster, user, roomId, $"{tag} 明天去北京开会，记得带电脑");
        var mixed = await TestRooms.SendAsync(cluster, user, roomId, $"{tag} 用Orleans写的聊天系统很快");

        Assert.Equal([Seq(design)], await ZhAsync("分布式"));
        Assert.Equal([Seq(meeting)], await ZhAsync("北京"));
        Assert.Equal([Seq(meeting)], await ZhAsync("京"));
        Assert.Equal([Seq(mixed), Seq(design)], await ZhAsync("系统"));
        Assert.Equal([Seq(mixed)], await ZhAsync("orleans 聊天"));
        Assert.Empty(await ZhAsync("式分布")); // its bigrams occur, but not in this order
        Assert.Empty(await ZhAsync("上海"));

        async Task<long[]> ZhAsync(string text) =>
            Seqs(await SearchAsync(user, $"q={Uri.EscapeDataString($"{tag} {text}")}&roomId={roomId}"));
    }

    [Fact]
    public async Task PrivateRoomsAreSearchedOnlyByTheirMembers()
    {
        var owner = await cluster.RegisterUserAsync("owner");
        var member = await cluster.RegisterUserAsync("member");
        var outsider = await cluster.RegisterUserAsync("outsider");
        var secretRoom = await TestRooms.CreateAsync(cluster, owner, isPublic: false);
        var publicRoom = await TestRooms.CreateAsync(cluster, owner);
        using (var ownerHttp = cluster.CreateClient(owner))
        {
            (await ownerHttp.PostAsJsonAsync($"/chat/rooms/{secretRoom}/members", new { username = member.Username })).EnsureSuccessStatusCode();
        }
        var word = Word();
        var secret = await TestRooms.SendAsync(cluster, owner, secretRoom, $"the {word} plan is secret");
        var open = await TestRooms.SendAsync(cluster, owner, publicRoom, $"the {word} plan is public");

        Assert.Equal([Id(open), Id(secret)], Ids(await SearchAsync(owner, $"q={word}")));
        Assert.Equal([Id(open), Id(secret)], Ids(await SearchAsync(member, $"q={word}")));
        Assert.Equal([Id(open)], Ids(await SearchAsync(outsider, $"q={word}")));
        using var outsiderHttp = cluster.CreateClient(outsider);
        await RestContractTests.AssertProblemAsync(await outsiderHttp.GetAsync($"/chat/search?q={word}&roomId={secretRoom}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AMessageWhoseContentIsGoneFromTheStoreIsNeverFound()
    {
        var user = await cluster.RegisterUserAsync("deleter");
        var roomId = await TestRooms.CreateAsync(cluster, user);
        var word = Word();
        var kept = await TestRooms.SendAsync(cluster, user, roomId, $"{word} stays");
        var deleted = await TestRooms.SendAsync(cluster, user, roomId, $"{word} goes away");
        Assert.Equal([Seq(deleted), Seq(kept)], Seqs(await SearchAsync(user, $"q={word}&roomId={roomId}")));

        // A delete empties the stored content (docs/PROTOCOL.md); the row's index tokens are left as they were, the worst
        // case for the index: the hit must still be refused because the message's text no longer matches.
        await using (var connection = new MySqlConnection(cluster.MySqlConnectionString))
        {
            await connection.OpenAsync();
            await using var delete = new MySqlCommand("UPDATE messages SET content = '' WHERE room_id = @room AND seq = @seq", connection);
            delete.Parameters.AddWithValue("@room", roomId);
            delete.Parameters.AddWithValue("@seq", Seq(deleted));
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        Assert.Equal([Seq(kept)], Seqs(await SearchAsync(user, $"q={word}&roomId={roomId}")));
        Assert.Equal([Seq(kept)], Seqs(await SearchAsync(user, $"q={word}")));
    }

    [Fact]
    public async Task PagesWithinARoomAndAcrossRoomsCoverEveryHitOnceNewestFirst()
    {
        var user = await cluster.RegisterUserAsync("pager");
        var roomA = await TestRooms.CreateAsync(cluster, user);
        var roomB = await TestRooms.CreateAsync(cluster, user);
        var word = Word();
        var sent = new List<JsonElement>();
        for (var i = 0; i < 7; i++)
        {
            sent.Add(await TestRooms.SendAsync(cluster, user, i % 2 == 0 ? roomA : roomB, $"{word} number {i}"));
        }

        var inA = new List<long>();
        long? beforeSeq = null;
        do
        {
            var page = await SearchAsync(user, $"q={word}&roomId={roomA}&limit=2" + (beforeSeq is { } b ? $"&beforeSeq={b}" : ""));
            var seqs = Seqs(page);
            inA.AddRange(seqs);
            beforeSeq = page.TryGetProperty("nextCursor", out _) ? seqs[^1] : null;
        }
        while (beforeSeq is not null);

        var everywhere = new List<string>();
        string? cursor = null;
        do
        {
            var page = await SearchAsync(user, $"q={word}&limit=3" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            everywhere.AddRange(Ids(page));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);

        Assert.Equal([4L, 3, 2, 1], inA);
        Assert.Equal(sent.Select(Id).Reverse(), everywhere);
    }

    [Theory]
    [InlineData("q=", "q is required")]
    [InlineData("q=%21%21%21", "no word")]
    [InlineData("q=hello&limit=0", "limit")]
    [InlineData("q=hello&beforeSeq=3", "beforeSeq")]
    [InlineData("q=hello&cursor=not-a-cursor", "cursor")]
    [InlineData("q=hello&roomId=Not%20A%20Room", "")]
    public async Task BadSearchesAre400ProblemDetails(string query, string mentioned)
    {
        var user = await cluster.RegisterUserAsync("bad");
        using var http = cluster.CreateClient(user);

        var problem = await ProblemAsync(await http.GetAsync($"/chat/search?{query}"), HttpStatusCode.BadRequest);

        Assert.Contains(mentioned, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData('a')]
    [InlineData('搜')]
    public async Task AQueryOfTenThousandCharactersIsAClear400(char character)
    {
        var user = await cluster.RegisterUserAsync("long");
        using var http = cluster.CreateClient(user);

        var problem = await ProblemAsync(
            await http.GetAsync($"/chat/search?q={Uri.EscapeDataString(new string(character, 10_000))}"), HttpStatusCode.BadRequest);

        Assert.Contains("at most 256 characters", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task SearchNeedsAToken()
    {
        using var response = await cluster.Http.GetAsync("/chat/search?q=hello");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>A word no other test sends (letters only, so it is one search term).</summary>
    internal static string Word() => "w" + string.Concat(Guid.NewGuid().ToString("N").Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))))[..12];

    private async Task<JsonElement> SearchAsync(TestUser user, string query)
    {
        using var http = cluster.CreateClient(user);
        using var response = await http.GetAsync($"/chat/search?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Asserts a problem-details answer with <paramref name="status"/> and returns it.</summary>
    internal static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            await RestContractTests.AssertProblemAsync(response, status);
            return JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        }
    }

    private static long Seq(JsonElement message) => message.GetProperty("seq").GetInt64();

    private static string Id(JsonElement message) => message.GetProperty("id").GetString()!;

    private static long[] Seqs(JsonElement page) => [.. page.GetProperty("results").EnumerateArray().Select(Seq)];

    private static string[] Ids(JsonElement page) => [.. page.GetProperty("results").EnumerateArray().Select(Id)];
}
