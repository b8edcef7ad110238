using System.Collections.Immutable;
using Chat.Messages;
using MySqlConnector;
using static Chat.Grains.Storage.MySqlMessageRows;

namespace Chat.Grains.Storage;

// Changes to stored messages and the change feed (table message_changes, primary key (room_id, change_seq)).
public sealed partial class MySqlMessageLog
{
    public async Task UpdateAsync(string roomId, long changeSeq, ChatMessage message, long changedAt, CancellationToken cancellationToken = default)
    {
        await Run(
            connection => MySqlMessageUpdate.WriteAsync(connection, roomId, changeSeq, message, changedAt, cancellationToken),
            cancellationToken,
            retry: connection => MySqlMessageUpdate.WriteAgainAsync(connection, roomId, changeSeq, message, changedAt, cancellationToken));
    }

    public async Task<long> LastChangeSeqAsync(string roomId, CancellationToken cancellationToken = default)
    {
        return await Run(async connection =>
        {
            await using var command = new MySqlCommand(
                "SELECT COALESCE(MAX(change_seq), 0) FROM message_changes WHERE room_id = @room", connection);
            command.Parameters.AddWithValue("@room", roomId);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
        }, cancellationToken);
    }

    public async Task<ImmutableArray<MessageChange>> ReadChangesAsync(string roomId, long afterChange, int limit, CancellationToken cancellationToken = default)
    {
        return await Run(async connection =>
        {
            var entries = new List<(long ChangeSeq, long Seq)>();
            await using (var command = new MySqlCommand(
                "SELECT change_seq, seq FROM message_changes WHERE room_id = @room AND change_seq > @after ORDER BY change_seq LIMIT @limit", connection))
            {
                command.Parameters.AddWithValue("@room", roomId);
                command.Parameters.AddWithValue("@after", afterChange);
                command.Parameters.AddWithValue("@limit", limit);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    entries.Add((reader.GetInt64(0), reader.GetInt64(1)));
                }
            }
            if (entries.Count == 0)
            {
                return [];
            }
            // Seqs are integers read from our own table: safe to inline, and one statement reads every changed message.
            var seqs = string.Join(',', entries.Select(e => e.Seq).Distinct());
            var messages = (await QueryAsync(connection, null, $"SELECT {Columns} FROM messages WHERE room_id = @room AND seq IN ({seqs})",
                cancellationToken, ("@room", roomId))).ToDictionary(m => m.Seq);
            return entries.Where(e => messages.ContainsKey(e.Seq)).Select(e => new MessageChange(e.ChangeSeq, messages[e.Seq])).ToImmutableArray();
        }, cancellationToken);
    }
}
