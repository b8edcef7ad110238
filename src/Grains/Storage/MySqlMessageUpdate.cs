using Chat.Messages;
using MySqlConnector;

namespace Chat.Grains.Storage;

/// <summary>
/// Writing one change: the message's row and its change feed entry in one transaction. A taken change number means
/// another writer (a second activation, or a lost acknowledgement) got there first: a conflict, nothing written.
/// </summary>
internal static class MySqlMessageUpdate
{
    public static async Task<bool> WriteAsync(
        MySqlConnection connection, string roomId, long changeSeq, ChatMessage message, long changedAt, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new MySqlCommand(
            "UPDATE messages SET content = @content, edited_at = @edited, deleted = @deleted, reactions = @reactions " +
            "WHERE room_id = @room AND seq = @seq; " +
            "INSERT INTO message_changes (room_id, change_seq, seq, changed_at) VALUES (@room, @change, @seq, @at)",
            connection, transaction))
        {
            command.Parameters.AddWithValue("@room", roomId);
            command.Parameters.AddWithValue("@seq", message.Seq);
            command.Parameters.AddWithValue("@content", message.Content);
            command.Parameters.AddWithValue("@edited", (object?)message.EditedAt ?? DBNull.Value);
            command.Parameters.AddWithValue("@deleted", message.Deleted);
            command.Parameters.AddWithValue("@reactions", (object?)StoredMessageState.WriteReactions(message.ReactionList) ?? DBNull.Value);
            command.Parameters.AddWithValue("@change", changeSeq);
            command.Parameters.AddWithValue("@at", changedAt);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (MySqlException ex) when (ex.Number == MySqlAppend.DuplicateEntry)
            {
                throw new MessageLogConflictException(roomId, changeSeq);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The second attempt after the connection was lost during the first, whose commit may or may not have happened:
    /// the change entry tells. Present for this message: the first attempt committed (the room is the only writer, so
    /// the row holds our state). Present for another message: a conflict. Absent: nothing was written; write now.
    /// </summary>
    public static async Task<bool> WriteAgainAsync(
        MySqlConnection connection, string roomId, long changeSeq, ChatMessage message, long changedAt, CancellationToken cancellationToken)
    {
        await using (var command = new MySqlCommand("SELECT seq FROM message_changes WHERE room_id = @room AND change_seq = @change", connection))
        {
            command.Parameters.AddWithValue("@room", roomId);
            command.Parameters.AddWithValue("@change", changeSeq);
            if (await command.ExecuteScalarAsync(cancellationToken) is { } stored and not DBNull)
            {
                return Convert.ToInt64(stored) == message.Seq ? true : throw new MessageLogConflictException(roomId, changeSeq);
            }
        }
        return await WriteAsync(connection, roomId, changeSeq, message, changedAt, cancellationToken);
    }
}
