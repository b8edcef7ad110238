using System.Data;
using System.Text;
using MySqlConnector;
using static Chat.Grains.Storage.MySqlMessageRows;

namespace Chat.Grains.Storage;

/// <summary>
/// Writing a batch to <c>messages</c>. A batch is one multi-row INSERT, atomic on its own (group commit); when it hits a
/// duplicate client id nothing of it is stored and the batch is replayed row by row in a transaction, answering
/// duplicates with the stored original, so no seq is ever consumed by a duplicate.
/// </summary>
internal static class MySqlAppend
{
    public const int DuplicateEntry = 1062;

    public static async Task<IReadOnlyList<AppendOutcome>> AppendAsync(
        MySqlConnection connection, string roomId, long nextSeq, IReadOnlyList<PendingMessage> batch, Action onDuplicate, CancellationToken cancellationToken)
    {
        try
        {
            return (await InsertAsync(connection, [new RoomBatch(roomId, nextSeq, batch)], cancellationToken))[0];
        }
        catch (MySqlException ex) when (ex.Number == DuplicateEntry)
        {
            onDuplicate();
            return await AppendRowByRow(connection, roomId, nextSeq, batch, cancellationToken);
        }
    }

    /// <summary>
    /// The second attempt after the connection was lost during the first, whose commit may or may not have happened.
    /// Either write stores exactly the batch's new messages at <paramref name="nextSeq"/>, <paramref name="nextSeq"/>+1, …
    /// in batch order (duplicates take no seq), all or nothing. So: nothing stored from <paramref name="nextSeq"/> on
    /// means the first attempt did not commit, and the batch is written now; otherwise those rows are read back and
    /// matched to the batch — each message is then answered as created (our row) or as the stored original of its
    /// client id. A row that is not ours means another writer took the seq: a conflict, as for any write.
    /// No seq is skipped or used twice, and no message is stored twice.
    /// </summary>
    public static async Task<IReadOnlyList<AppendOutcome>> AppendAgainAsync(
        MySqlConnection connection, string roomId, long nextSeq, IReadOnlyList<PendingMessage> batch, Action onDuplicate, CancellationToken cancellationToken)
    {
        var stored = await QueryAsync(connection, null,
            $"SELECT {Columns} FROM messages WHERE room_id = @room AND seq >= @from AND seq < @to ORDER BY seq",
            cancellationToken, ("@room", roomId), ("@from", nextSeq), ("@to", nextSeq + batch.Count));
        if (stored.IsEmpty)
        {
            return await AppendAsync(connection, roomId, nextSeq, batch, onDuplicate, cancellationToken);
        }
        var outcomes = new List<AppendOutcome>(batch.Count);
        var next = 0;
        foreach (var pending in batch)
        {
            if (next < stored.Length && IsStoredAs(stored[next], pending))
            {
                outcomes.Add(new AppendOutcome(stored[next++], Created: true));
            }
            else if (pending.ClientMessageId is { } clientId
                     && await FindByClientIdAsync(connection, null, roomId, pending.UserId, clientId, cancellationToken) is { } original)
            {
                outcomes.Add(new AppendOutcome(original, Created: false));
            }
            else
            {
                throw new MessageLogConflictException(roomId, nextSeq + next);
            }
        }
        return outcomes;
    }

    /// <summary>
    /// Writes several rooms' batches as one multi-row INSERT (each row carries its room id) and returns each batch's
    /// outcomes, in order: all created. One statement under autocommit is atomic on InnoDB: on any error — a duplicate
    /// key (<see cref="DuplicateEntry"/>) of any room included — nothing of any batch is stored. It costs one round trip
    /// and one commit, where BEGIN … COMMIT costs three round trips.
    /// </summary>
    public static async Task<AppendOutcome[][]> InsertAsync(MySqlConnection connection, IReadOnlyList<RoomBatch> batches, CancellationToken cancellationToken)
    {
        var outcomes = new AppendOutcome[batches.Count][];
        await using var command = new MySqlCommand { Connection = connection };
        var sql = new StringBuilder($"INSERT INTO messages ({InsertColumns}) VALUES ");
        var row = 0;
        for (var b = 0; b < batches.Count; b++)
        {
            var (roomId, nextSeq, messages) = batches[b];
            var room = $"@room{b}";
            command.Parameters.AddWithValue(room, roomId);
            outcomes[b] = new AppendOutcome[messages.Count];
            for (var i = 0; i < messages.Count; i++, row++)
            {
                var message = ToMessage(roomId, nextSeq + i, messages[i]);
                outcomes[b][i] = new AppendOutcome(message, Created: true);
                if (row > 0)
                {
                    sql.Append(',');
                }
                sql.Append(RowValues(row, room));
                AddRowParameters(command, row, message);
                MySqlDerivedColumns.Bind(command, row, message);
            }
        }
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken);
        return outcomes;
    }

    private static async Task<IReadOnlyList<AppendOutcome>> AppendRowByRow(
        MySqlConnection connection, string roomId, long nextSeq, IReadOnlyList<PendingMessage> batch, CancellationToken cancellationToken)
    {
        var outcomes = new List<AppendOutcome>(batch.Count);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var seq = nextSeq;
        foreach (var pending in batch)
        {
            if (pending.ClientMessageId is { } clientId
                && await FindByClientIdAsync(connection, transaction, roomId, pending.UserId, clientId, cancellationToken) is { } existing)
            {
                outcomes.Add(new AppendOutcome(existing, Created: false));
                continue;
            }
            var message = ToMessage(roomId, seq, pending);
            await using (var insert = new MySqlCommand(
                $"INSERT INTO messages ({InsertColumns}) VALUES {RowValues(0)}", connection, transaction))
            {
                insert.Parameters.AddWithValue("@room", roomId);
                AddRowParameters(insert, 0, message);
                MySqlDerivedColumns.Bind(insert, 0, message);
                try
                {
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (MySqlException ex) when (ex.Number == DuplicateEntry)
                {
                    // Not a client id (checked above): another writer has used this seq.
                    throw new MessageLogConflictException(roomId, seq);
                }
            }
            outcomes.Add(new AppendOutcome(message, Created: true));
            seq++;
        }
        await transaction.CommitAsync(cancellationToken);
        return outcomes;
    }
}
