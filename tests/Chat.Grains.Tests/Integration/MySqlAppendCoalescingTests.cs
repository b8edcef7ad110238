using Chat.Grains.Storage;
using Chat.Messages;
using MySqlConnector;

namespace Chat.Grains.Tests.Integration;

/// <summary>
/// The silo-wide writer on the real MariaDB: batches of many rooms share commits, every room is answered with its own
/// seqs after the commit, and one room's duplicate, taken seq or a connection killed mid-write costs no other room a
/// message. Where a test needs a combined write for sure, a row lock held by another session keeps the only writer busy
/// (<see cref="HeldSeq"/>) while the rooms queue behind it.
/// </summary>
public sealed class MySqlAppendCoalescingTests : IAsyncLifetime
{
    private MigratedDatabase _database = null!;

    public async Task InitializeAsync() => _database = await MigratedDatabase.CreateAsync("chat_coalesce");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static PendingMessage Pending(string content, string? clientId = null, string user = "u1") =>
        new(user, "ann", content, clientId, 1_700_000_000_000);

    [Fact]
    public async Task ConcurrentAppendsOfManyRoomsShareCommitsAndEachRoomGetsItsOwnSeqs()
    {
        using var logs = new MySqlLogs(_database.Connections);
        const int rooms = 100, rounds = 3;
        for (var round = 0; round < rounds; round++)
        {
            var nextSeq = 1 + 2 * round;
            var appends = Enumerable.Range(0, rooms).Select(r =>
                logs.Log.AppendAsync($"room{r}", nextSeq, [Pending($"r{r} m{nextSeq}", $"k{nextSeq}"), Pending($"r{r} m{nextSeq + 1}")])).ToList();

            var answers = await Task.WhenAll(appends);

            Assert.All(answers, outcomes => Assert.Equal([(nextSeq, true), (nextSeq + 1, true)], outcomes.Select(o => (o.Message.Seq, o.Created))));
        }

        Assert.Equal(rooms * rounds * 2, await CountRows());
        Assert.Equal(["r7 m1", "r7 m2", "r7 m3", "r7 m4", "r7 m5", "r7 m6"],
            (await logs.Log.ReadAsync("room7", new HistoryQuery(null, null, 10))).Select(m => m.Content));
        Assert.Equal(rooms * rounds, logs.CommitRooms.Sum());
        Assert.True(logs.CommitRooms.Length < rooms * rounds / 2, $"{logs.CommitRooms.Length} commits for {rooms * rounds} batches");
    }

    [Fact]
    public async Task AKnownClientIdInOneRoomOfACombinedWriteIsAnsweredWithTheOriginalAndTheOtherRoomsAreStored()
    {
        using var logs = new MySqlLogs(_database.Connections, new MessageLogWriteOptions { MaxConcurrentWrites = 1 });
        await logs.Log.AppendAsync("dup", 1, [Pending("original", "k")]);

        var (answers, gate) = await AppendBehindHeldWriteAsync(logs.Log,
            ("dup", 2, [Pending("x"), Pending("retry", "k"), Pending("y")]),
            ("a", 1, [Pending("a1")]),
            ("b", 1, [Pending("b1"), Pending("b2")]));

        Assert.True((await gate).Single().Created);
        var dup = await answers[0];
        Assert.Equal([(2L, true), (1L, false), (3L, true)], dup.Select(o => (o.Message.Seq, o.Created)));
        Assert.Equal("original", dup[1].Message.Content);
        Assert.Equal([1L], (await answers[1]).Select(o => o.Message.Seq));
        Assert.Equal([1L, 2L], (await answers[2]).Select(o => o.Message.Seq));
        Assert.Equal(1, logs.Splits);
        Assert.Equal(3 + 1 + 1 + 2, await CountRows());
    }

    [Fact]
    public async Task ATakenSeqInOneRoomOfACombinedWriteIsThatRoomsConflictAndTheOtherRoomsAreStored()
    {
        using var logs = new MySqlLogs(_database.Connections, new MessageLogWriteOptions { MaxConcurrentWrites = 1 });
        await MySqlLogs.Create(_database.Connections).AppendAsync("taken", 1, [Pending("written behind the room's back", user: "u2")]);

        var (answers, gate) = await AppendBehindHeldWriteAsync(logs.Log,
            ("a", 1, [Pending("a1")]),
            ("taken", 1, [Pending("mine", "k")]),
            ("b", 1, [Pending("b1")]));

        await gate;
        Assert.Equal([1L], (await answers[0]).Select(o => o.Message.Seq));
        await Assert.ThrowsAsync<MessageLogConflictException>(() => answers[1]);
        Assert.Equal([1L], (await answers[2]).Select(o => o.Message.Seq));
        Assert.Equal(1, logs.Splits);
        Assert.Equal("written behind the room's back", (await logs.Log.FindAsync("taken", 1))!.Content);
        Assert.Equal(1 + 1 + 1 + 1, await CountRows());
    }

    [Fact]
    public async Task ACombinedWriteWhoseConnectionIsKilledMidWriteStoresEveryMessageExactlyOnce()
    {
        using var logs = new MySqlLogs(_database.Connections, new MessageLogWriteOptions { MaxConcurrentWrites = 1 });
        await using var second = await HeldSeq.TakeAsync(_database.ConnectionString, "held", 1);

        var (answers, gate) = await AppendBehindHeldWriteAsync(logs.Log,
            ("a", 1, [Pending("a1", "ka"), Pending("a2")]),
            ("held", 1, [Pending("h1", "kh")]),
            ("b", 1, [Pending("b1")]));
        await gate;
        await KillWaitingInsertAsync(second); // the combined INSERT waits for the second held row
        await second.ReleaseAsync();

        Assert.Equal([(1L, true), (2L, true)], (await answers[0]).Select(o => (o.Message.Seq, o.Created)));
        Assert.Equal([(1L, true)], (await answers[1]).Select(o => (o.Message.Seq, o.Created)));
        Assert.Equal([(1L, true)], (await answers[2]).Select(o => (o.Message.Seq, o.Created)));
        Assert.Equal(1, logs.Splits);
        Assert.Equal(1 + 2 + 1 + 1, await CountRows());
    }

    /// <summary>
    /// Holds the only writer on a row lock (room <c>gate</c>), queues <paramref name="batches"/> behind it, then lets
    /// it go: the queued batches are then written together. Returns their answers and the gate's.
    /// </summary>
    private async Task<(List<Task<IReadOnlyList<AppendOutcome>>> Answers, Task<IReadOnlyList<AppendOutcome>> Gate)> AppendBehindHeldWriteAsync(
        MySqlMessageLog log, params (string Room, long NextSeq, PendingMessage[] Batch)[] batches)
    {
        await using var held = await HeldSeq.TakeAsync(_database.ConnectionString, "gate", 1);
        var gate = log.AppendAsync("gate", 1, [Pending("gate")]);
        await held.WaitForWriteAsync(gate);
        var answers = batches.Select(b => log.AppendAsync(b.Room, b.NextSeq, b.Batch)).ToList();
        await held.ReleaseAsync();
        return (answers, gate);
    }

    private static async Task KillWaitingInsertAsync(HeldSeq held)
    {
        var id = await held.WaitForWriteAsync();
        await held.ExecuteAsync($"KILL CONNECTION {id}");
    }

    private async Task<long> CountRows()
    {
        await using var connection = await _database.Connections.OpenAsync();
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM messages", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>
    /// Another session's uncommitted row at (room, seq): an INSERT of that key waits for its lock until
    /// <see cref="ReleaseAsync"/> rolls the row back.
    /// </summary>
    private sealed class HeldSeq(MySqlConnection connection, string roomId) : IAsyncDisposable
    {
        public static async Task<HeldSeq> TakeAsync(string connectionString, string roomId, long seq)
        {
            var connection = new MySqlConnection(new MySqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            var held = new HeldSeq(connection, roomId);
            await held.ExecuteAsync("START TRANSACTION");
            await held.ExecuteAsync("INSERT INTO messages (room_id, seq, user_id, username, content, message_type, created_at) " +
                                    $"VALUES ('{roomId}', {seq}, 'holder', 'holder', 'held', 'text', 0)");
            return held;
        }

        public async Task ExecuteAsync(string sql)
        {
            await using var command = new MySqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        /// <summary>
        /// The session id of a writer whose statement writes this row's room, once one runs: it cannot end before
        /// <see cref="ReleaseAsync"/>. (The process list is live; InnoDB's transaction table is a cached snapshot.)
        /// </summary>
        public async Task<long> WaitForWriteAsync(Task? write = null)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                await using (var command = new MySqlCommand(
                    "SELECT ID FROM information_schema.PROCESSLIST " +
                    "WHERE DB = DATABASE() AND ID <> CONNECTION_ID() AND INFO LIKE @room LIMIT 1", connection))
                {
                    command.Parameters.AddWithValue("@room", $"%'{roomId}'%");
                    if (await command.ExecuteScalarAsync() is { } id)
                    {
                        return Convert.ToInt64(id);
                    }
                }
                if (write is { IsCompleted: true })
                {
                    await write;
                    Assert.Fail("the write finished without waiting for the held row");
                }
                Assert.True(DateTime.UtcNow < deadline, "no write of the held row's room came");
                await Task.Delay(10);
            }
        }

        public Task ReleaseAsync() => ExecuteAsync("ROLLBACK");

        public async ValueTask DisposeAsync() => await connection.DisposeAsync();
    }
}
