using System.Collections.Immutable;
using System.Data;
using System.Text;
using Chat.Errors;
using Chat.Messages;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace Chat.Grains.Storage;

/// <summary>
/// The message log on MySQL/MariaDB: table <c>messages</c>, primary key (room_id, seq), unique
/// (room_id, user_id, client_message_id). A batch is one multi-row INSERT, atomic on its own (group commit);
/// when it hits a duplicate client id nothing of it is stored and the batch is replayed row by row in a transaction,
/// answering duplicates with the stored original, so no seq is ever consumed by a duplicate.
/// </summary>
public sealed partial class MySqlMessageLog(MySqlDataSource dataSource, ILogger<MySqlMessageLog> logger) : IMessageLog
{
    private const int DuplicateEntry = 1062;
    private const string Columns = "room_id, seq, user_id, username, content, message_type, created_at, client_message_id";

    public async Task<RoomLogSnapshot> LoadAsync(string roomId, int newestCount, int clientIdWindow, CancellationToken cancellationToken = default)
    {
        return await Run(async connection =>
        {
            var newest = await QueryMessages(connection, null,
                $"SELECT {Columns} FROM messages WHERE room_id = @room ORDER BY seq DESC LIMIT @limit",
                cancellationToken, ("@room", roomId), ("@limit", newestCount));
            var ascending = newest.Reverse().ToImmutableArray();
            var lastSeq = ascending.IsEmpty ? 0 : ascending[^1].Seq;

            var recent = ImmutableArray.CreateBuilder<(string, string, long)>();
            await using (var command = new MySqlCommand(
                "SELECT user_id, client_message_id, seq FROM messages " +
                "WHERE room_id = @room AND seq > @from AND client_message_id IS NOT NULL", connection))
            {
                command.Parameters.AddWithValue("@room", roomId);
                command.Parameters.AddWithValue("@from", lastSeq - clientIdWindow);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    recent.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
                }
            }
            return new RoomLogSnapshot(lastSeq, ascending, recent.ToImmutable());
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<AppendOutcome>> AppendAsync(string roomId, long nextSeq, IReadOnlyList<PendingMessage> batch, CancellationToken cancellationToken = default)
    {
        if (batch.Count == 0)
        {
            return [];
        }
        return await Run(async connection =>
        {
            try
            {
                return await AppendAsOneInsert(connection, roomId, nextSeq, batch, cancellationToken);
            }
            catch (MySqlException ex) when (ex.Number == DuplicateEntry)
            {
                LogDuplicateInBatch(logger, roomId, batch.Count);
                return await AppendRowByRow(connection, roomId, nextSeq, batch, cancellationToken);
            }
        }, cancellationToken);
    }

    public async Task<ImmutableArray<ChatMessage>> ReadAsync(string roomId, HistoryQuery query, CancellationToken cancellationToken = default)
    {
        // Newest-first pages are read descending and reversed; catch-up pages ascend directly. Both are range scans of the primary key.
        var sql = new StringBuilder($"SELECT {Columns} FROM messages WHERE room_id = @room");
        if (query.AfterSeq is not null)
        {
            sql.Append(" AND seq > @after");
        }
        if (query.BeforeSeq is not null)
        {
            sql.Append(" AND seq < @before");
        }
        var ascending = query.AfterSeq is not null;
        sql.Append(ascending ? " ORDER BY seq ASC LIMIT @limit" : " ORDER BY seq DESC LIMIT @limit");

        return await Run(async connection =>
        {
            var rows = await QueryMessages(connection, null, sql.ToString(), cancellationToken,
                ("@room", roomId), ("@after", query.AfterSeq ?? 0), ("@before", query.BeforeSeq ?? 0), ("@limit", query.Limit));
            return ascending ? rows : rows.Reverse().ToImmutableArray();
        }, cancellationToken);
    }

    public async Task<ChatMessage?> FindAsync(string roomId, long seq, CancellationToken cancellationToken = default)
    {
        return await Run(async connection =>
        {
            var rows = await QueryMessages(connection, null, $"SELECT {Columns} FROM messages WHERE room_id = @room AND seq = @seq",
                cancellationToken, ("@room", roomId), ("@seq", seq));
            return rows.IsEmpty ? null : rows[0];
        }, cancellationToken);
    }

    private static async Task<IReadOnlyList<AppendOutcome>> AppendAsOneInsert(
        MySqlConnection connection, string roomId, long nextSeq, IReadOnlyList<PendingMessage> batch, CancellationToken cancellationToken)
    {
        // One statement under autocommit is atomic on InnoDB (a duplicate key rolls back every row of it) and costs one
        // round trip, where BEGIN … COMMIT costs three.
        var outcomes = new AppendOutcome[batch.Count];
        await using var command = new MySqlCommand { Connection = connection };
        var sql = new StringBuilder($"INSERT INTO messages ({Columns}) VALUES ");
        command.Parameters.AddWithValue("@room", roomId);
        for (var i = 0; i < batch.Count; i++)
        {
            var message = ToMessage(roomId, nextSeq + i, batch[i]);
            outcomes[i] = new AppendOutcome(message, Created: true);
            if (i > 0)
            {
                sql.Append(',');
            }
            sql.Append($"(@room,@s{i},@u{i},@n{i},@c{i},@t{i},@a{i},@k{i})");
            AddRowParameters(command, i, message);
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
            if (pending.ClientMessageId is { } clientId)
            {
                var existing = await QueryMessages(connection, transaction,
                    $"SELECT {Columns} FROM messages WHERE room_id = @room AND user_id = @user AND client_message_id = @client",
                    cancellationToken, ("@room", roomId), ("@user", pending.UserId), ("@client", clientId));
                if (!existing.IsEmpty)
                {
                    outcomes.Add(new AppendOutcome(existing[0], Created: false));
                    continue;
                }
            }
            var message = ToMessage(roomId, seq, pending);
            await using (var insert = new MySqlCommand(
                $"INSERT INTO messages ({Columns}) VALUES (@room,@s0,@u0,@n0,@c0,@t0,@a0,@k0)", connection, transaction))
            {
                insert.Parameters.AddWithValue("@room", roomId);
                AddRowParameters(insert, 0, message);
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

    private static ChatMessage ToMessage(string roomId, long seq, PendingMessage pending) =>
        new(ChatMessage.MakeId(roomId, seq), roomId, seq, pending.UserId, pending.Username, pending.Content,
            MessageTypes.Text, pending.CreatedAt, pending.ClientMessageId);

    private static void AddRowParameters(MySqlCommand command, int i, ChatMessage message)
    {
        command.Parameters.AddWithValue($"@s{i}", message.Seq);
        command.Parameters.AddWithValue($"@u{i}", message.UserId);
        command.Parameters.AddWithValue($"@n{i}", message.Username);
        command.Parameters.AddWithValue($"@c{i}", message.Content);
        command.Parameters.AddWithValue($"@t{i}", message.MessageType);
        command.Parameters.AddWithValue($"@a{i}", message.CreatedAt);
        command.Parameters.AddWithValue($"@k{i}", (object?)message.ClientMessageId ?? DBNull.Value);
    }

    private static async Task<ImmutableArray<ChatMessage>> QueryMessages(
        MySqlConnection connection, MySqlTransaction? transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = new MySqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var rows = ImmutableArray.CreateBuilder<ChatMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var roomId = reader.GetString(0);
            var seq = reader.GetInt64(1);
            rows.Add(new ChatMessage(ChatMessage.MakeId(roomId, seq), roomId, seq, reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return rows.ToImmutable();
    }

    /// <summary>Runs one unit of work on a pooled connection; a store that cannot be reached becomes Unavailable.</summary>
    private async Task<T> Run<T>(Func<MySqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return await work(connection);
        }
        catch (MySqlException ex) when (ex.Number != DuplicateEntry)
        {
            LogStoreFailure(logger, ex, ex.Number);
            throw ChatException.Unavailable("The message store is unavailable; retry shortly.");
        }
        catch (Exception ex) when (ex is TimeoutException or IOException or InvalidOperationException { InnerException: MySqlException })
        {
            LogStoreFailure(logger, ex, 0);
            throw ChatException.Unavailable("The message store is unavailable; retry shortly.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch of {Count} messages for room {RoomId} hit a known client id; replaying row by row")]
    private static partial void LogDuplicateInBatch(ILogger logger, string roomId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message store call failed (MySQL error {ErrorNumber})")]
    private static partial void LogStoreFailure(ILogger logger, Exception exception, int errorNumber);
}
