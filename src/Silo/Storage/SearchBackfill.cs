using Chat.Grains.Storage;
using Chat.Search;
using MySqlConnector;

namespace Chat.Silo.Storage;

/// <summary>
/// Gives messages stored before migration 60 their search tokens, in the background after start-up: one walk over the
/// primary key in batches, each row updated only while its tokens are still missing and its text unchanged (a message
/// edited meanwhile got its tokens from that edit). Several silos may walk at once: the updates are idempotent. When the
/// walk is complete it records version <see cref="DoneVersion"/> in <c>schema_migrations</c>, so later starts skip it.
/// </summary>
public sealed partial class SearchBackfill(MySqlConnections connections, ILogger<SearchBackfill> logger) : BackgroundService
{
    /// <summary>A marker in the search range of versions (60–69), not a schema change.</summary>
    public const int DoneVersion = 61;
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var connection = await connections.OpenAsync(stoppingToken);
            if (await IsDoneAsync(connection, stoppingToken))
            {
                return;
            }
            var (room, seq, filled) = ("", 0L, 0);
            while (true)
            {
                var rows = await NextBatchAsync(connection, room, seq, stoppingToken);
                if (rows.Count == 0)
                {
                    break;
                }
                foreach (var row in rows.Where(r => r.Content is not null))
                {
                    filled += await FillAsync(connection, row, stoppingToken);
                }
                (room, seq) = (rows[^1].RoomId, rows[^1].Seq);
            }
            await using var done = new MySqlCommand("INSERT IGNORE INTO schema_migrations (version, name) VALUES (@v, 'search backfill done')", connection);
            done.Parameters.AddWithValue("@v", DoneVersion);
            await done.ExecuteNonQueryAsync(stoppingToken);
            LogDone(logger, filled);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Retried at the next start; until then older messages are just not found.
            LogFailed(logger, ex);
        }
    }

    private static async Task<bool> IsDoneAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM schema_migrations WHERE version = @v", connection);
        command.Parameters.AddWithValue("@v", DoneVersion);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) > 0;
    }

    /// <summary>The next rows in key order after (room, seq); content is null for rows that already have their tokens.</summary>
    private static async Task<List<(string RoomId, long Seq, string? Content)>> NextBatchAsync(
        MySqlConnection connection, string room, long seq, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            "SELECT room_id, seq, IF(search_terms IS NULL, content, NULL) FROM messages " +
            "WHERE room_id > @room OR (room_id = @room AND seq > @seq) ORDER BY room_id, seq LIMIT @limit", connection);
        command.Parameters.AddWithValue("@room", room);
        command.Parameters.AddWithValue("@seq", seq);
        command.Parameters.AddWithValue("@limit", BatchSize);
        var rows = new List<(string, long, string?)>(BatchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }
        return rows;
    }

    private static async Task<int> FillAsync(MySqlConnection connection, (string RoomId, long Seq, string? Content) row, CancellationToken cancellationToken)
    {
        await using var update = new MySqlCommand(
            "UPDATE messages SET search_terms = @q WHERE room_id = @room AND seq = @seq AND search_terms IS NULL AND content = @content",
            connection);
        update.Parameters.AddWithValue("@q", SearchTerms.IndexText(row.Content!));
        update.Parameters.AddWithValue("@room", row.RoomId);
        update.Parameters.AddWithValue("@seq", row.Seq);
        update.Parameters.AddWithValue("@content", row.Content);
        return await update.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search backfill complete: {Count} older messages got their search tokens")]
    private static partial void LogDone(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search backfill stopped; it resumes at the next start")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
