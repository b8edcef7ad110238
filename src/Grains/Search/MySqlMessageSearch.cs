using Chat.Errors;
using Chat.Grains.Storage;
using Chat.Messages;
using Chat.Search;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using static Chat.Grains.Storage.MySqlMessageRows;

namespace Chat.Grains.Search;

/// <summary>
/// Search on MySQL/MariaDB over <c>messages.search_terms</c>, the hashed tokens of each message's words and CJK
/// unigrams/bigrams (<see cref="SearchTerms"/>), in two steps whose cost is bounded whatever the words:
/// <list type="number">
/// <item>A walk, newest first, over windows of the index in result order (<see cref="FirstWindow"/> entries, then four
/// times as many, at most <see cref="MaxWalk"/> in all), testing each row of the rooms searched for the tokens. A common
/// word fills a page within the first window or two: the cost is proportional to the page, not to how often the word
/// occurs.</item>
/// <item>When the walk ends without a full page, the words are rare among the rooms searched, and the FULLTEXT index
/// (boolean mode) finds the rest of the page beyond the walk, reading at most <see cref="MaxIndexRows"/> rows: a rare
/// word costs as many rows as it has hits. When even that is not enough (a word common elsewhere but rare in these
/// rooms), the page ends where the walk stopped and names that position as its next cursor: the next page resumes the
/// walk there, so no message is skipped or repeated.</item>
/// </list>
/// Every candidate's current text is then checked (<see cref="SearchPaging"/>). A store that cannot be reached is
/// Unavailable; a lost connection is retried once (<see cref="MySqlConnections"/>).
/// </summary>
public sealed partial class MySqlMessageSearch(MySqlConnections connections, ILogger<MySqlMessageSearch> logger) : IMessageSearch
{
    /// <summary>Index entries in the walk's first window (every room's messages; only those of the rooms searched are read).</summary>
    public const int FirstWindow = 2_000;

    /// <summary>Index entries the walk reads at most per page.</summary>
    public const int MaxWalk = 42_000;

    /// <summary>Rows the FULLTEXT step may read per page.</summary>
    public const int MaxIndexRows = 20_000;

    private const int RowsExaminedLimitReached = 1931;

    public async Task<SearchPage> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var parsed = ParsedSearch.Parse(query.Text);
        var rooms = query.RoomIds.Distinct(StringComparer.Ordinal).ToArray();
        if (parsed.IsEmpty || (rooms.Length == 0 && !query.PublicRooms))
        {
            return new SearchPage([], null);
        }
        var sql = new MySqlSearchSql(query, rooms);
        try
        {
            // Reads only: safe to run again on a fresh connection.
            return await connections.RunAsync(Search, Search, cancellationToken);
        }
        catch (Exception ex) when (MySqlFailures.IsStoreFailure(ex))
        {
            LogSearchFailed(logger, ex, (ex as MySqlException)?.Number ?? 0);
            throw ChatException.Unavailable("Search is unavailable; retry shortly.");
        }

        async Task<SearchPage> Search(MySqlConnection connection)
        {
            var wanted = query.Limit + 1;
            var found = new List<ChatMessage>(wanted);
            var position = query.Before;
            for (int window = FirstWindow, walked = 0; walked < MaxWalk; walked += window, window = Math.Min(window * 4, MaxWalk - walked))
            {
                var boundary = await BoundaryAsync(connection, sql.Boundary(position, window), cancellationToken);
                var (walkSql, walkParameters) = sql.Walk(parsed, position, boundary, wanted - found.Count);
                found.AddRange(await QueryAsync(connection, null, walkSql, cancellationToken, walkParameters));
                if (found.Count == wanted || boundary is null)
                {
                    return SearchPaging.Cut(found, query, parsed); // a full page, or every message looked at
                }
                position = boundary;
            }

            var (indexSql, indexParameters) = sql.FullText(parsed, position, wanted - found.Count, MaxIndexRows);
            var rest = await QueryAsync(connection, null, indexSql, cancellationToken, indexParameters);
            if (await StoppedEarlyAsync(connection, cancellationToken))
            {
                // The rows the index returned are not the newest (the sort saw only some): resume the walk instead.
                return SearchPaging.Cut(found, query, parsed, resumeAfter: position);
            }
            found.AddRange(rest);
            return SearchPaging.Cut(found, query, parsed);
        }
    }

    private static async Task<SearchPosition?> BoundaryAsync(
        MySqlConnection connection, (string Sql, (string Name, object Value)[] Parameters) query, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(query.Sql, connection);
        foreach (var (name, value) in query.Parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new SearchPosition(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2))
            : null;
    }

    /// <summary>True when the last statement was stopped by its <c>LIMIT … ROWS EXAMINED</c> budget.</summary>
    private static async Task<bool> StoppedEarlyAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SHOW WARNINGS", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetInt32(1) == RowsExaminedLimitReached)
            {
                return true;
            }
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message search failed (MySQL error {ErrorNumber})")]
    private static partial void LogSearchFailed(ILogger logger, Exception exception, int errorNumber);
}
