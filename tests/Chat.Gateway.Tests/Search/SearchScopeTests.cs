using System.Net.Http.Json;
using System.Text.Json;
using Chat.Rooms;
using Chat.Testing;

namespace Chat.Gateway.Tests.Search;

/// <summary>
/// Which rooms <c>GET /chat/search</c> covers without a roomId, on MariaDB: every public room however far down the
/// directory it is listed, and the caller's own rooms; never a private room or DM of others, a public room the caller was
/// removed from, a deleted room or a deleted message.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class SearchScopeTests(ChatCluster cluster)
{
    [Fact]
    public async Task EveryReadableRoomIsSearchedAndNoOtherOne()
    {
        var owner = await cluster.RegisterUserAsync("scopeowner");
        var reader = await cluster.RegisterUserAsync("scopereader");
        var stranger = await cluster.RegisterUserAsync("scopestranger");
        var word = SearchTests.Word();

        // More public rooms than the directory's first page, all listed before the room that holds a hit (made by three
        // users: one may create 50 rooms a day).
        var fillers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => cluster.RegisterUserAsync("scopefiller")));
        for (var made = 0; made <= IRoomDirectoryGrain.DefaultPageSize; made += 12)
        {
            await Task.WhenAll(fillers.SelectMany(filler => Enumerable.Range(0, 4).Select(_ => TestRooms.CreateAsync(cluster, filler))));
        }
        var farPublicRoom = await TestRooms.CreateAsync(cluster, owner);
        var readersRoom = await TestRooms.CreateAsync(cluster, reader, isPublic: false);
        var secretRoom = await TestRooms.CreateAsync(cluster, owner, isPublic: false);
        var closedRoom = await TestRooms.CreateAsync(cluster, owner);
        var goneRoom = await TestRooms.CreateAsync(cluster, owner);
        using var ownerHttp = cluster.CreateClient(owner);
        using var readerHttp = cluster.CreateClient(reader);
        var dmResponse = await ownerHttp.PostAsJsonAsync("/chat/dms", new { username = stranger.Username });
        dmResponse.EnsureSuccessStatusCode();
        var dmRoom = (await dmResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await readerHttp.PostAsync($"/chat/rooms/{closedRoom}/join", null)).EnsureSuccessStatusCode();

        var far = await TestRooms.SendAsync(cluster, owner, farPublicRoom, $"{word} in a public room far down the directory");
        var erased = await TestRooms.SendAsync(cluster, owner, farPublicRoom, $"{word} deleted again");
        var own = await TestRooms.SendAsync(cluster, reader, readersRoom, $"{word} in the reader's private room");
        await TestRooms.SendAsync(cluster, owner, secretRoom, $"{word} in someone else's private room");
        await TestRooms.SendAsync(cluster, owner, dmRoom, $"{word} in someone else's direct messages");
        await TestRooms.SendAsync(cluster, owner, closedRoom, $"{word} in a public room the reader was removed from");
        await TestRooms.SendAsync(cluster, owner, goneRoom, $"{word} in a deleted room");
        (await ownerHttp.DeleteAsync($"/chat/rooms/{farPublicRoom}/messages/{erased.GetProperty("seq").GetInt64()}")).EnsureSuccessStatusCode();
        (await ownerHttp.DeleteAsync($"/chat/rooms/{closedRoom}/members/{reader.Id}")).EnsureSuccessStatusCode();
        (await ownerHttp.DeleteAsync($"/chat/rooms/{goneRoom}")).EnsureSuccessStatusCode();

        string[] expected = [Id(own), Id(far)];
        Assert.Equal(expected, await FindAsync(reader, $"q={word}"));
        Assert.Equal(expected, await FindAsync(reader, $"q={word}&limit=1"));
        // The stranger reads the DM and the public rooms, not the reader's private room.
        var strangerSees = await FindAsync(stranger, $"q={word}", roomsOnly: true);
        Assert.Contains(dmRoom, strangerSees);
        Assert.Contains(closedRoom, strangerSees);
        Assert.DoesNotContain(readersRoom, strangerSees);
        Assert.DoesNotContain(secretRoom, strangerSees);
        Assert.DoesNotContain(goneRoom, strangerSees);
    }

    /// <summary>
    /// Every result over all pages (following <c>nextCursor</c>), newest first: message ids, or with
    /// <paramref name="roomsOnly"/> the rooms they are in.
    /// </summary>
    private async Task<List<string>> FindAsync(TestUser user, string query, bool roomsOnly = false)
    {
        using var http = cluster.CreateClient(user);
        var found = new List<string>();
        string? cursor = null;
        do
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/chat/search?{query}{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            found.AddRange(page.GetProperty("results").EnumerateArray().Select(m => roomsOnly ? m.GetProperty("roomId").GetString()! : Id(m)));
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        return found;
    }

    private static string Id(JsonElement message) => message.GetProperty("id").GetString()!;
}
