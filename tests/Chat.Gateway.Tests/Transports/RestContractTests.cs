using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Chat.Gateway.Tests.Support;
using Chat.Testing;

namespace Chat.Gateway.Tests.Transports;

/// <summary>The REST surface of docs/PROTOCOL.md: status codes, shapes, problem details, idempotent retries, paging.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class RestContractTests(ChatCluster cluster)
{
    [Fact]
    public async Task RegisteringAnswers201WithATokenAndTheUserAndATakenNameIs409WhateverItsCase()
    {
        var username = $"Reg_{Guid.NewGuid():N}"[..20];
        using var created = await cluster.Http.PostAsJsonAsync("/users/register", new { username, email = $"{username}@example.test", password = ChatCluster.Password });
        using var taken = await cluster.Http.PostAsJsonAsync("/users/register", new { username = username.ToUpperInvariant(), email = $"other-{username}@example.test", password = ChatCluster.Password });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(body.GetProperty("token").GetString()));
        var user = body.GetProperty("user");
        Assert.Equal(username, user.GetProperty("username").GetString());
        Assert.Equal($"{username}@example.test", user.GetProperty("email").GetString());
        foreach (var field in new[] { "id", "displayName", "avatar", "createdAt" })
        {
            Assert.True(user.TryGetProperty(field, out _), $"user.{field} is missing");
        }
        Assert.False(user.TryGetProperty("passwordHash", out _));
        await AssertProblemAsync(taken, HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("ab", "ok@example.test", "long enough password")]
    [InlineData("valid_name", "not-an-email", "long enough password")]
    [InlineData("valid_name", "ok@example.test", "short")]
    [InlineData(null, "ok@example.test", "long enough password")]
    public async Task InvalidRegistrationsAre400ProblemDetails(string? username, string email, string password)
    {
        using var response = await cluster.Http.PostAsJsonAsync("/users/register", new { username, email, password });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task LoginMatchesTheUsernameCaseInsensitivelyAndRefusesBadCredentialsAlike()
    {
        var user = await cluster.RegisterUserAsync("login");

        using var ok = await cluster.Http.PostAsJsonAsync("/users/login", new { username = user.Username.ToUpperInvariant(), password = ChatCluster.Password });
        using var wrongPassword = await cluster.Http.PostAsJsonAsync("/users/login", new { username = user.Username, password = "not the password" });
        using var unknownUser = await cluster.Http.PostAsJsonAsync("/users/login", new { username = "nobody_" + user.Username[..10], password = ChatCluster.Password });

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var body = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(user.Id, body.GetProperty("user").GetProperty("id").GetString());
        using var me = cluster.CreateClient(user with { Token = body.GetProperty("token").GetString()! });
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync("/users/me")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownUser.StatusCode);
        var wrong = await wrongPassword.Content.ReadFromJsonAsync<JsonElement>();
        var unknown = await unknownUser.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(wrong.GetProperty("detail").GetString(), unknown.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TheCallerReadsAndUpdatesTheirProfile()
    {
        var user = await cluster.RegisterUserAsync("profile");
        using var http = cluster.CreateClient(user);

        using var updated = await http.PutAsJsonAsync("/users/me", new { displayName = "  Profile Person ", avatar = "https://example.test/a.png" });
        using var invalid = await http.PutAsJsonAsync("/users/me", new { avatar = "javascript:alert(1)" });
        var me = await http.GetFromJsonAsync<JsonElement>("/users/me");

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        await AssertProblemAsync(invalid, HttpStatusCode.BadRequest);
        Assert.Equal("Profile Person", me.GetProperty("displayName").GetString());
        Assert.Equal("https://example.test/a.png", me.GetProperty("avatar").GetString());
        Assert.Equal(user.Username, me.GetProperty("username").GetString());
    }

    [Fact]
    public async Task RoomsAreListedCreatedOnceAndValidated()
    {
        var user = await cluster.RegisterUserAsync("rooms");
        using var http = cluster.CreateClient(user);
        var roomId = $"r-{Guid.NewGuid():N}"[..16];

        using var created = await http.PostAsJsonAsync("/chat/rooms", new { id = roomId, name = "My room", description = "about things", isPublic = false });
        using var again = await http.PostAsJsonAsync("/chat/rooms", new { id = roomId, name = "Same id" });
        using var badId = await http.PostAsJsonAsync("/chat/rooms", new { id = "Not A Valid Id", name = "x" });
        using var derived = await http.PostAsJsonAsync("/chat/rooms", new { name = "Team Café!" });
        var list = await http.GetFromJsonAsync<JsonElement>("/chat/rooms");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var room = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal<(string?, string?, string?, bool, string?)>((roomId, "My room", "about things", false, user.Id),
            (room.GetProperty("id").GetString(), room.GetProperty("name").GetString(), room.GetProperty("description").GetString(),
             room.GetProperty("isPublic").GetBoolean(), room.GetProperty("createdBy").GetString()));
        Assert.True(room.GetProperty("createdAt").GetInt64() > 0);
        await AssertProblemAsync(again, HttpStatusCode.Conflict);
        await AssertProblemAsync(badId, HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Created, derived.StatusCode);
        Assert.Matches("^team-cafe-[a-z0-9]{6}$", (await derived.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        var ids = list.GetProperty("rooms").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToArray();
        Assert.Superset(new HashSet<string?> { "general", "tech", "random", roomId }, ids.ToHashSet());
    }

    [Fact]
    public async Task ASendIs201AndItsRetryIs200WithTheOriginalStoredOnce()
    {
        var user = await cluster.RegisterUserAsync("sender");
        var roomId = await TestRooms.CreateAsync(cluster, user);
        using var http = cluster.CreateClient(user);

        using var first = await http.PostAsJsonAsync("/chat/messages", new { roomId, content = "  once  ", clientMessageId = "retry-me" });
        using var retry = await http.PostAsJsonAsync("/chat/messages", new { roomId, content = "different text", clientMessageId = "retry-me" });
        var history = await http.GetFromJsonAsync<JsonElement>($"/chat/rooms/{roomId}/messages");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var original = await first.Content.ReadFromJsonAsync<JsonElement>();
        var replayed = await retry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("once", original.GetProperty("content").GetString());
        Assert.Equal<(long, string?, string?, string?, string?)>((1L, "text", roomId, user.Id, user.Username),
            (original.GetProperty("seq").GetInt64(), original.GetProperty("messageType").GetString(), original.GetProperty("roomId").GetString(),
             original.GetProperty("userId").GetString(), original.GetProperty("username").GetString()));
        Assert.Equal(original.GetProperty("id").GetString(), replayed.GetProperty("id").GetString());
        Assert.Equal("once", replayed.GetProperty("content").GetString());
        Assert.Single(history.GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task HistoryPagesAscendWithExclusiveCursors()
    {
        var user = await cluster.RegisterUserAsync("pager");
        var roomId = await TestRooms.CreateAsync(cluster, user);
        for (var i = 1; i <= 6; i++)
        {
            await TestRooms.SendAsync(cluster, user, roomId, $"message {i}");
        }
        using var http = cluster.CreateClient(user);

        Assert.Equal(new long[] { 5L, 6L }, await SeqsAsync(http, $"/chat/rooms/{roomId}/messages?limit=2"));
        Assert.Equal(new long[] { 2L, 3L }, await SeqsAsync(http, $"/chat/rooms/{roomId}/messages?beforeSeq=4&limit=2"));
        Assert.Equal(new long[] { 4L, 5L }, await SeqsAsync(http, $"/chat/rooms/{roomId}/messages?afterSeq=3&limit=2"));
        Assert.Equal(new long[] { 3L, 4L }, await SeqsAsync(http, $"/chat/rooms/{roomId}/messages?afterSeq=2&beforeSeq=5"));
        Assert.Equal(new long[] { 1L, 2L, 3L, 4L, 5L, 6L }, await SeqsAsync(http, $"/chat/rooms/{roomId}/messages?limit=1000"));
        await AssertProblemAsync(await http.GetAsync($"/chat/rooms/{roomId}/messages?limit=0"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await http.GetAsync($"/chat/rooms/{roomId}/messages?beforeSeq=abc"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task UnreadableBodiesAre400AndOversizedOnes413()
    {
        var user = await cluster.RegisterUserAsync("bodies");
        using var http = cluster.CreateClient(user);

        using var malformed = await http.PostAsync("/chat/messages", new StringContent("{\"roomId\": \"general\", ", Encoding.UTF8, "application/json"));
        using var wrongShape = await http.PostAsync("/chat/messages", new StringContent("[1, 2, 3]", Encoding.UTF8, "application/json"));
        using var huge = await http.PostAsync("/chat/messages",
            new StringContent(JsonSerializer.Serialize(new { roomId = "general", content = new string('x', 200_000) }), Encoding.UTF8, "application/json"));

        await AssertProblemAsync(malformed, HttpStatusCode.BadRequest);
        await AssertProblemAsync(wrongShape, HttpStatusCode.BadRequest);
        await AssertProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task UnknownRoomsAre404AndOnlineUsersAreListed()
    {
        var user = await cluster.RegisterUserAsync("lost");
        using var http = cluster.CreateClient(user);

        await AssertProblemAsync(await http.PostAsJsonAsync("/chat/messages", new { roomId = "no-such-room", content = "hi" }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await http.GetAsync("/chat/rooms/no-such-room/messages"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await http.GetAsync("/chat/rooms/no-such-room/users"), HttpStatusCode.NotFound);
        var online = await http.GetFromJsonAsync<JsonElement>("/chat/rooms/general/users");
        Assert.Equal(JsonValueKind.Array, online.GetProperty("users").ValueKind);
    }

    [Fact]
    public async Task HealthIs200WhileTheClusterAnswers()
    {
        using var health = await cluster.Http.GetAsync("/health");
        using var ready = await cluster.Http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {body}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"Not problem details: {body}");
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("detail", out var detail) && !string.IsNullOrWhiteSpace(detail.GetString()), $"No detail: {body}");
    }

    private static async Task<long[]> SeqsAsync(HttpClient http, string path)
    {
        var body = await http.GetFromJsonAsync<JsonElement>(path);
        return [.. body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("seq").GetInt64())];
    }
}
