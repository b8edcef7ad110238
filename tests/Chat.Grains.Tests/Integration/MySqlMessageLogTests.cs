using Chat.Grains.Storage;
using Chat.Messages;
using Chat.Silo.Storage;
using Chat.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;

namespace Chat.Grains.Tests.Integration;

/// <summary>The message log against the real MariaDB: what the protocol's guarantees rest on.</summary>
public sealed class MySqlMessageLogTests : IAsyncLifetime
{
    private string _connectionString = "";
    private MySqlDataSource _dataSource = null!;
    private MySqlMessageLog _log = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await TestInfrastructure.CreateDatabaseAsync("chat_log");
        _dataSource = new MySqlDataSourceBuilder(_connectionString).Build();
        var connections = new MySqlConnections(_connectionString, NullLogger<MySqlConnections>.Instance);
        await new SchemaMigrator(connections, NullLogger<SchemaMigrator>.Instance).StartAsync(CancellationToken.None);
        _log = MySqlLogs.Create(connections);
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await TestInfrastructure.DropDatabaseAsync(_connectionString);
    }

    private static PendingMessage Pending(string content, string? clientId = null, string user = "u1") =>
        new(user, "ann", content, clientId, 1_700_000_000_000);

    [Fact]
    public async Task ABatchIsStoredWithContiguousSeqsAndReadBackAscending()
    {
        var outcomes = await _log.AppendAsync("r1", 1, [Pending("a"), Pending("b", "k1"), Pending("c")]);

        Assert.Equal([1L, 2L, 3L], outcomes.Select(o => o.Message.Seq));
        Assert.All(outcomes, o => Assert.True(o.Created));
        Assert.Equal(3L, await CountRows("r1"));
        Assert.Equal(["a", "b", "c"], (await _log.ReadAsync("r1", new HistoryQuery(null, null, 50))).Select(m => m.Content));
        Assert.Equal("k1", (await _log.FindAsync("r1", 2))!.ClientMessageId);
    }

    [Fact]
    public async Task MentionsAreStoredWithTheMessageAndReadBack()
    {
        await _log.AppendAsync("r7", 1, [Pending("hi @bo and @cy") with { Mentions = ["u-bo", "u-cy"] }, Pending("no one")]);

        var stored = await _log.ReadAsync("r7", new HistoryQuery(null, null, 50));

        Assert.Equal(["u-bo", "u-cy"], stored[0].Mentions!);
        Assert.Null(stored[1].Mentions);
        Assert.Equal(["u-bo", "u-cy"], (await _log.FindAsync("r7", 1))!.Mentions!);
    }

    [Fact]
    public async Task ADuplicateClientIdInABatchConsumesNoSeq()
    {
        await _log.AppendAsync("r2", 1, [Pending("original", "dup")]);

        var outcomes = await _log.AppendAsync("r2", 2, [Pending("x"), Pending("retry", "dup"), Pending("y")]);

        Assert.Equal([(2L, true), (1L, false), (3L, true)], outcomes.Select(o => (o.Message.Seq, o.Created)));
        Assert.Equal("original", outcomes[1].Message.Content);
        Assert.Equal(3L, await CountRows("r2"));
    }

    [Fact]
    public async Task ATakenSeqIsAConflictAndWritesNothing()
    {
        await _log.AppendAsync("r3", 1, [Pending("first")]);

        await Assert.ThrowsAsync<MessageLogConflictException>(() => _log.AppendAsync("r3", 1, [Pending("second", "k")]));

        Assert.Equal(1L, await CountRows("r3"));
    }

    [Fact]
    public async Task LoadingARoomGivesItsLastSeqNewestMessagesAndRecentClientIds()
    {
        for (var i = 0; i < 5; i++)
        {
            await _log.AppendAsync("r4", i * 10 + 1, Enumerable.Range(0, 10).Select(j => Pending($"m{i * 10 + j}", $"c{i * 10 + j}")).ToList());
        }

        var snapshot = await _log.LoadAsync("r4", newestCount: 5, clientIdWindow: 20);

        Assert.Equal(50, snapshot.LastSeq);
        Assert.Equal([46L, 47L, 48L, 49L, 50L], snapshot.Newest.Select(m => m.Seq));
        Assert.Equal(20, snapshot.RecentClientIds.Length);
        Assert.Equal(31, snapshot.RecentClientIds.Min(c => c.Seq));
    }

    [Fact]
    public async Task PagingFollowsTheProtocol()
    {
        await _log.AppendAsync("r5", 1, Enumerable.Range(1, 30).Select(i => Pending($"m{i}")).ToList());

        async Task<long[]> Page(long? before, long? after, int limit) =>
            (await _log.ReadAsync("r5", new HistoryQuery(before, after, limit))).Select(m => m.Seq).ToArray();

        Assert.Equal(new long[] { 28, 29, 30 }, await Page(null, null, 3));
        Assert.Equal(new long[] { 7, 8, 9 }, await Page(10, null, 3));
        Assert.Equal(new long[] { 11, 12, 13 }, await Page(null, 10, 3));
        Assert.Equal(new long[] { 11, 12 }, await Page(13, 10, 5));
    }

    [Fact]
    public async Task AnUnreachableStoreIsUnavailableNotAHang()
    {
        var builder = new MySqlConnectionStringBuilder(_connectionString) { Port = (uint)TestInfrastructure.FreePort(), ConnectionTimeout = 2 };
        var log = MySqlLogs.Create(new MySqlConnections(builder.ConnectionString, NullLogger<MySqlConnections>.Instance));

        var error = await Assert.ThrowsAsync<Chat.Errors.ChatException>(() => log.AppendAsync("r6", 1, [Pending("lost?")]));

        Assert.Equal(Chat.Errors.ChatErrorCode.Unavailable, error.Code);
    }

    private async Task<long> CountRows(string roomId)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM messages WHERE room_id = @r", connection);
        command.Parameters.AddWithValue("@r", roomId);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
