using System.Collections.Immutable;
using System.Text;
using Chat.Errors;
using Chat.Grains.Observability;
using Chat.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MySqlConnector;
using static Chat.Grains.Storage.MySqlMessageRows;

namespace Chat.Grains.Storage;

/// <summary>
/// The message log on MySQL/MariaDB: table <c>messages</c>, primary key (room_id, seq), unique
/// (room_id, user_id, client_message_id); writes in <see cref="MySqlAppend"/>. Appends of all rooms go through one
/// silo-wide writer (<see cref="AppendCoalescer"/>, <see cref="MySqlGroupAppend"/>): batches that wait while writes are
/// in flight share one INSERT, and each room is answered after the commit that stored its rows. Every other call is one
/// unit of work on one pooled connection; a lost connection (the server restarted) is retried once on a fresh one
/// (<see cref="MySqlConnections"/>) — reads as they are, a write by first finding out what the lost attempt stored —
/// and any other failure of the store becomes <see cref="ChatErrorCode.Unavailable"/>.
/// </summary>
public sealed partial class MySqlMessageLog(
    MySqlConnections connections,
    IOptions<MessageLogWriteOptions> writeOptions,
    ChatGrainMetrics metrics,
    ILogger<MySqlMessageLog> logger) : IMessageLog
{
    public async Task<RoomLogSnapshot> LoadAsync(string roomId, int newestCount, int clientIdWindow, CancellationToken cancellationToken = default)
    {
        return await Run(async connection =>
        {
            var newest = await QueryAsync(connection, null,
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

    private readonly AppendCoalescer _writer = new(writeOptions.Value, new MySqlGroupAppend(connections, metrics, logger).WriteAsync);

    /// <summary>
    /// Queues the batch for the silo-wide writer and returns once the commit that stored it happened (seqs from
    /// <paramref name="nextSeq"/>, duplicates answered with their original) or failed: a taken seq as
    /// <see cref="MessageLogConflictException"/>, a store failure as Unavailable. <paramref name="cancellationToken"/>
    /// is observed while the batch waits, not once its write has started.
    /// </summary>
    public Task<IReadOnlyList<AppendOutcome>> AppendAsync(string roomId, long nextSeq, IReadOnlyList<PendingMessage> batch, CancellationToken cancellationToken = default)
    {
        if (batch.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<AppendOutcome>>([]);
        }
        var bytes = batch.Sum(EstimatedSize);
        return _writer.Enqueue(new RoomAppend(new RoomBatch(roomId, nextSeq, batch), bytes, cancellationToken));
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
            var rows = await QueryAsync(connection, null, sql.ToString(), cancellationToken,
                ("@room", roomId), ("@after", query.AfterSeq ?? 0), ("@before", query.BeforeSeq ?? 0), ("@limit", query.Limit));
            return ascending ? rows : rows.Reverse().ToImmutableArray();
        }, cancellationToken);
    }

    public async Task<ChatMessage?> FindAsync(string roomId, long seq, CancellationToken cancellationToken = default)
    {
        return await Run(async connection =>
        {
            var rows = await QueryAsync(connection, null, $"SELECT {Columns} FROM messages WHERE room_id = @room AND seq = @seq",
                cancellationToken, ("@room", roomId), ("@seq", seq));
            return rows.IsEmpty ? null : rows[0];
        }, cancellationToken);
    }

    /// <summary>
    /// Runs one unit of work (again with <paramref name="retry"/>, or the same work, after a lost connection); a store
    /// that cannot be reached becomes Unavailable. A conflict passes through: the room reloads.
    /// </summary>
    private async Task<T> Run<T>(Func<MySqlConnection, Task<T>> work, CancellationToken cancellationToken, Func<MySqlConnection, Task<T>>? retry = null)
    {
        try
        {
            return await connections.RunAsync(work, retry ?? work, cancellationToken);
        }
        catch (Exception ex) when (ex is not MessageLogConflictException && MySqlFailures.IsStoreFailure(ex))
        {
            throw StoreError(logger, ex);
        }
    }

    /// <summary>
    /// What a failed call of the log throws: a store failure as Unavailable (logged with its MySQL error number);
    /// a conflict (the room reloads) or a bug as it is.
    /// </summary>
    internal static Exception StoreError(ILogger logger, Exception ex)
    {
        if (ex is MessageLogConflictException || !MySqlFailures.IsStoreFailure(ex))
        {
            return ex;
        }
        LogStoreFailure(logger, ex, (ex as MySqlException)?.Number ?? 0);
        return ChatException.Unavailable("The message store is unavailable; retry shortly.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message store call failed (MySQL error {ErrorNumber})")]
    private static partial void LogStoreFailure(ILogger logger, Exception exception, int errorNumber);
}
