using Chat.Grains.Search;
using Chat.Grains.Storage;
using Chat.Messages;
using Chat.Rooms;
using Chat.Search;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Grains.Tests.Integration;

/// <summary>
/// Search on the real MariaDB with a tiny budget, so that one page runs out of its walk and its FULLTEXT rows: whichever
/// path a word takes (walk for a common word, the index for a rare one, the index stopped and then the walk for an old
/// common one, short pages with a cursor for a word common only in rooms not searched), following the cursors gives exactly the matching messages of the searched rooms, once each,
/// newest first.
/// </summary>
public sealed class MySqlSearchWalkTests : IAsyncLifetime
{
    private const long Start = 1_700_000_000_000;
    private MigratedDatabase _database = null!;
    private MySqlMessageSearch _search = null!;
    private readonly List<ChatMessage> _stored = [];

    public async Task InitializeAsync()
    {
        _database = await MigratedDatabase.CreateAsync("chat_swalk");
        _search = new MySqlMessageSearch(_database.Connections, NullLogger<MySqlMessageSearch>.Instance, new SearchBudget(FirstWindow: 4, MaxWalk: 20, MaxIndexRows: 6));
        await new MySqlRoomDirectoryStore(_database.Connections).AddAsync(new RoomInfo("open", "Open", "", IsPublic: true, "system", Start));
        var log = MySqlLogs.Create(_database.Connections);
        string[] rooms = ["mine", "open", "hidden"];
        var seqs = new Dictionary<string, long>();
        for (var i = 0; i < 60; i++)
        {
            var room = rooms[i % 3];
            var words = new List<string> { "common" };
            if (i is 5 or 7 or 40)
            {
                words.Add("rare");
            }
            if (i < 30)
            {
                words.Add("old"); // none in the newest window, more hits than the index may read: found by walking on
            }
            if (room == "hidden" || i is 3 or 57)
            {
                words.Add("elsewhere");
            }
            // Two messages share each createdAt, in different rooms: the order breaks the tie by room, then seq.
            var pending = new PendingMessage("u1", "ann", string.Join(' ', words) + $" {i}", null, Start + (i / 2 * 10));
            var seq = seqs[room] = seqs.GetValueOrDefault(room) + 1;
            _stored.Add((await log.AppendAsync(room, seq, [pending]))[0].Message);
        }
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("common", 5)]
    [InlineData("rare", 5)]
    [InlineData("elsewhere", 5)]
    [InlineData("old", 4)]
    [InlineData("common rare", 2)]
    public async Task EveryHitOfTheSearchedRoomsOnceNewestFirstAcrossPages(string q, int limit)
    {
        var expected = _stored
            .Where(m => m.RoomId is "mine" or "open" && q.Split(' ').All(word => m.Content.Contains(word, StringComparison.Ordinal)))
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.RoomId, StringComparer.Ordinal).ThenByDescending(m => m.Seq)
            .Select(m => m.Id).ToList();

        var found = await AllPagesAsync(new SearchQuery(q, ["mine"], limit, null, PublicRooms: true));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, found);
    }

    [Fact]
    public async Task WithinOneRoomPagesBySeq()
    {
        var expected = _stored.Where(m => m.RoomId == "hidden").OrderByDescending(m => m.Seq).Select(m => m.Id).ToList();

        Assert.Equal(expected, await AllPagesAsync(new SearchQuery("common", ["hidden"], 3, null)));
        Assert.Equal(expected, await AllPagesAsync(new SearchQuery("elsewhere", ["hidden"], 3, null)));
    }

    private async Task<List<string>> AllPagesAsync(SearchQuery query)
    {
        var found = new List<string>();
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await _search.SearchAsync(query);
            Assert.True(page.Results.Length <= query.Limit);
            found.AddRange(page.Results.Select(m => m.Id));
            if (page.Next is null)
            {
                return found;
            }
            query = query with { Before = page.Next };
        }
        throw new InvalidOperationException("The cursor never reached the end.");
    }
}
