using System.Text;
using MySqlConnector;

namespace Chat.Grains.Storage;

/// <summary>
/// Writing a batch of changes: each changed message's final state over its row and one change feed entry per change, in
/// one transaction (group commit, as for sends: one commit for every change that queued up meanwhile). A taken change
/// number means another writer (a second activation, or a lost acknowledgement) got there first: a conflict, nothing
/// written.
/// </summary>
internal static class MySqlMessageUpdate
{
    public static async Task<bool> WriteAsync(MySqlConnection connection, string roomId, IReadOnlyList<MessageUpdate> changes, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new MySqlCommand { Connection = connection, Transaction = transaction })
        {
            var sql = new StringBuilder();
            command.Parameters.AddWithValue("@room", roomId);
            // Only the last state of a message in the batch is written; every change is recorded.
            var finalStates = changes.GroupBy(c => c.Message.Seq).Select(g => g.Last().Message).ToList();
            for (var i = 0; i < finalStates.Count; i++)
            {
                var message = finalStates[i];
                sql.Append($"UPDATE messages SET content = @c{i}, edited_at = @e{i}, deleted = @d{i}, reactions = @r{i} WHERE room_id = @room AND seq = @s{i};");
                command.Parameters.AddWithValue($"@s{i}", message.Seq);
                command.Parameters.AddWithValue($"@c{i}", message.Content);
                command.Parameters.AddWithValue($"@e{i}", (object?)message.EditedAt ?? DBNull.Value);
                command.Parameters.AddWithValue($"@d{i}", message.Deleted);
                command.Parameters.AddWithValue($"@r{i}", (object?)StoredMessageState.WriteReactions(message.ReactionList) ?? DBNull.Value);
            }
            sql.Append("INSERT INTO message_changes (room_id, change_seq, seq, changed_at) VALUES ");
            for (var i = 0; i < changes.Count; i++)
            {
                sql.Append(i > 0 ? "," : "").Append($"(@room,@n{i},@m{i},@a{i})");
                command.Parameters.AddWithValue($"@n{i}", changes[i].ChangeSeq);
                command.Parameters.AddWithValue($"@m{i}", changes[i].Message.Seq);
                command.Parameters.AddWithValue($"@a{i}", changes[i].ChangedAt);
            }
            command.CommandText = sql.ToString();
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (MySqlException ex) when (ex.Number == MySqlAppend.DuplicateEntry)
            {
                throw new MessageLogConflictException(roomId, changes[0].ChangeSeq);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The second attempt after the connection was lost during the first, whose commit may or may not have happened: the
    /// batch's first change entry tells (the batch is one transaction). Present for its message: the first attempt
    /// committed (the room is the only writer). Present for another message: a conflict. Absent: write now.
    /// </summary>
    public static async Task<bool> WriteAgainAsync(MySqlConnection connection, string roomId, IReadOnlyList<MessageUpdate> changes, CancellationToken cancellationToken)
    {
        await using (var command = new MySqlCommand("SELECT seq FROM message_changes WHERE room_id = @room AND change_seq = @change", connection))
        {
            command.Parameters.AddWithValue("@room", roomId);
            command.Parameters.AddWithValue("@change", changes[0].ChangeSeq);
            if (await command.ExecuteScalarAsync(cancellationToken) is { } stored and not DBNull)
            {
                return Convert.ToInt64(stored) == changes[0].Message.Seq ? true : throw new MessageLogConflictException(roomId, changes[0].ChangeSeq);
            }
        }
        return await WriteAsync(connection, roomId, changes, cancellationToken);
    }
}
