using Chat.Grains.Search;
using Chat.Grains.Storage;
using Chat.Search;

namespace Chat.Grains.Tests.Search;

/// <summary>The embedded default's search over the in-memory log: the same answers as the MySQL index.</summary>
public sealed class InMemorySearchTests
{
    private readonly InMemoryMessageLog _log = new();

    [Fact]
    public async Task FindsOnlyTheNamedRoomsNewestFirstAndPagesAcrossThem()
    {
        await AppendAsync("a", ("hello world", 1), ("hello there", 4));
        await AppendAsync("b", ("hello again", 2), ("goodbye", 3));
        await AppendAsync("secret", ("hello secret", 5));
        var search = new InMemoryMessageSearch(_log, new InMemoryRoomDirectoryStore());

        var all = await search.SearchAsync(new SearchQuery("HELLO", ["a", "b"], 10, null));
        var first = await search.SearchAsync(new SearchQuery("hello", ["a", "b"], 2, null));
        var rest = await search.SearchAsync(new SearchQuery("hello", ["a", "b"], 2, first.Next));

        Assert.Equal(["a:2", "b:1", "a:1"], all.Results.Select(m => m.Id));
        Assert.Null(all.Next);
        Assert.Equal(["a:2", "b:1"], first.Results.Select(m => m.Id));
        Assert.Equal(["a:1"], rest.Results.Select(m => m.Id));
        Assert.Null(rest.Next);
    }

    [Fact]
    public async Task WithinOneRoomPagesBySeq()
    {
        await AppendAsync("zh", ("你好世界", 1), ("世界很大", 2), ("再见", 3), ("新世界", 4));
        var search = new InMemoryMessageSearch(_log, new InMemoryRoomDirectoryStore());

        var page = await search.SearchAsync(SearchRules.Validate("世界", "zh", 2, 4, null));

        Assert.Equal([2L, 1L], page.Results.Select(m => m.Seq));
    }

    private async Task AppendAsync(string roomId, params (string Content, long CreatedAt)[] messages)
    {
        var snapshot = await _log.LoadAsync(roomId, 0, 0);
        await _log.AppendAsync(roomId, snapshot.LastSeq + 1,
            [.. messages.Select(m => new PendingMessage("u1", "ann", m.Content, null, m.CreatedAt))]);
    }
}
