using Chat.Grains.Storage;
using Chat.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;

namespace Chat.Grains.Tests.Integration;

/// <summary>
/// The message log when its connections die under it (as they do when MariaDB restarts): the next calls succeed on
/// fresh connections, and a write repeated after a lost answer stores nothing twice and skips no seq. The shared
/// server is never restarted: this test's own connections are killed server-side instead.
/// </summary>
public sealed class MySqlConnectionLossTests : IAsyncLifetime
{
    private MigratedDatabase _database = null!;
    private MySqlMessageLog _log = null!;

    private MySqlConnections Connections => _database.Connections;

    public async Task InitializeAsync()
    {
        _database = await MigratedDatabase.CreateAsync("chat_loss");
        _log = MySqlLogs.Create(Connections);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static PendingMessage Pending(string content, string? clientId = null, string user = "u1", long at = 1_700_000_000_000) =>
        new(user, "ann", content, clientId, at);

    [Fact]
    public async Task AfterEveryPooledConnectionDiedTheNextCallsAllSucceed()
    {
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => _log.AppendAsync($"warm{i}", 1, [Pending($"w{i}", $"k{i}")])));
        // Warm the pool: many connections open at once, then idle.
        var open = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Connections.OpenAsync()));
        foreach (var connection in open)
        {
            await connection.DisposeAsync();
        }
        var killed = await KillPooledConnectionsAsync();
        Assert.True(killed >= 4, $"only {killed} pooled connections to kill");

        var appends = Enumerable.Range(0, 16).Select(i => _log.AppendAsync($"warm{i}", 2, [Pending($"after {i}", $"a{i}")]));
        var reads = Enumerable.Range(0, 16).Select(i => _log.ReadAsync($"warm{i}", new HistoryQuery(null, null, 10)));
        var results = await Task.WhenAll(appends);
        await Task.WhenAll(reads);

        Assert.All(results, outcomes => Assert.True(outcomes[0].Created && outcomes[0].Message.Seq == 2));
    }

    [Fact]
    public async Task ABatchRepeatedAfterItsCommitIsAnsweredAsCreatedAndNotStoredTwice()
    {
        var batch = new[] { Pending("a"), Pending("b", "k1"), Pending("c") };
        var first = await _log.AppendAsync("r1", 1, batch);

        var again = await AppendAgain("r1", 1, batch);

        Assert.Equal(first.Select(o => (o.Message.Seq, o.Created)), again.Select(o => (o.Message.Seq, o.Created)));
        Assert.Equal(3, await CountRows("r1"));
    }

    [Fact]
    public async Task ABatchRepeatedWhenNothingWasStoredIsStoredNow()
    {
        var again = await AppendAgain("r2", 1, [Pending("a", "k1"), Pending("b")]);

        Assert.Equal([1L, 2L], again.Select(o => o.Message.Seq));
        Assert.All(again, o => Assert.True(o.Created));
        Assert.Equal(2, await CountRows("r2"));
    }

    [Fact]
    public async Task ARepeatedBatchWithAKnownClientIdKeepsItsSeqsAndAnswersTheOriginal()
    {
        await _log.AppendAsync("r3", 1, [Pending("original", "dup")]);
        var batch = new[] { Pending("x"), Pending("original", "dup"), Pending("y", "k2") };
        var first = await _log.AppendAsync("r3", 2, batch); // replayed row by row: x = 2, dup = 1 (not created), y = 3

        var again = await AppendAgain("r3", 2, batch);

        Assert.Equal([(2L, true), (1L, false), (3L, true)], first.Select(o => (o.Message.Seq, o.Created)));
        Assert.Equal(first.Select(o => (o.Message.Seq, o.Created)), again.Select(o => (o.Message.Seq, o.Created)));
        Assert.Equal(3, await CountRows("r3"));
    }

    [Fact]
    public async Task ARowOfAnotherWriterAtTheSeqIsAConflictNotAnAcknowledgement()
    {
        await _log.AppendAsync("r4", 1, [Pending("someone else's", "other", user: "u2")]);

        await Assert.ThrowsAsync<MessageLogConflictException>(() => AppendAgain("r4", 1, [Pending("mine", "k1")]));
        Assert.Equal(1, await CountRows("r4"));
    }

    private async Task<IReadOnlyList<AppendOutcome>> AppendAgain(string roomId, long nextSeq, IReadOnlyList<PendingMessage> batch)
    {
        await using var connection = await Connections.OpenAsync();
        return await MySqlAppend.AppendAgainAsync(connection, roomId, nextSeq, batch, () => { }, CancellationToken.None);
    }

    /// <summary>Kills (server-side) every connection to this test's database but the killer's own: what a restart does to a pool.</summary>
    private async Task<int> KillPooledConnectionsAsync()
    {
        var killer = new MySqlConnectionStringBuilder(_database.ConnectionString) { Pooling = false }.ConnectionString;
        await using var connection = new MySqlConnection(killer);
        await connection.OpenAsync();
        var ids = new List<long>();
        await using (var list = new MySqlCommand(
            "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID()", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetInt64(0));
            }
        }
        foreach (var id in ids)
        {
            await using var kill = new MySqlCommand($"KILL CONNECTION {id}", connection);
            await kill.ExecuteNonQueryAsync();
        }
        return ids.Count;
    }

    private async Task<long> CountRows(string roomId)
    {
        await using var connection = await Connections.OpenAsync();
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM messages WHERE room_id = @r", connection);
        command.Parameters.AddWithValue("@r", roomId);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
