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
/// unigrams/bigrams (<see cref="SearchTerms"/>), with a cost bounded by the page rather than by how often a word occurs:
/// <list type="number">
/// <item>A walk, newest first, over windows of the index in result order (<see cref="SearchBudget.FirstWindow"/> entries,
/// then four times as many, at most <see cref="SearchBudget.MaxWalk"/> in all), testing each row of the rooms searched for the tokens. A common
/// word fills a page within a window or two.</item>
/// <item>When the first window holds no hit, the words are rare here, and the FULLTEXT index (boolean mode) answers:
/// it costs as many rows as the words have hits, and is stopped after <see cref="SearchBudget.MaxIndexRows"/> rows (warning 1931),
/// then the walk goes on. (The index is never asked first, nor after a window with hits: it resolves every message with
/// the rarest term before it can sort them by time, which for a word in a tenth of all messages takes seconds, a cost
/// its row budget does not bound.)</item>
/// <item>When the walk ends without a full page (a word common elsewhere but rare in these rooms), the page ends where
/// it stopped and names that position as its next cursor: the next page resumes there; no message is skipped or
/// repeated.</item>
/// </list>
/// Every candidate's current text is then checked (<see cref="SearchPaging"/>). A store that cannot be reached is
/// Unavailable; a lost connection is retried once (<see cref="MySqlConnections"/>).
/// </summary>
public sealed partial class MySqlMessageSearch(MySqlConnections connections, ILogger<MySqlMessageSearch> logger, SearchBudget budget) : IMessageSearch
{
    public MySqlMessageSearch(MySqlConnections connections, ILogger<MySqlMessageSearch> logger)
        : this(connections, logger, SearchBudget.Default)
    {
    }

    private const int RowsExaminedLimitReached = 1931;
    private const int SortAborted = 1028;

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
            var walked = 0;
            for (var window = budget.FirstWindow; walked < budget.MaxWalk; window = Math.Min(window * 4, budget.MaxWalk - walked))
            {
                var boundary = await BoundaryAsync(connection, sql.Boundary(position, window), cancellationToken);
                var (walkSql, walkParameters) = sql.Walk(parsed, position, boundary, wanted - found.Count);
                found.AddRange(await QueryAsync(connection, null, walkSql, cancellationToken, walkParameters));
                walked += window;
                if (found.Count == wanted || boundary is null)
                {
                    return SearchPaging.Cut(found, query, parsed); // a full page, or every message looked at
                }
                position = boundary;
                if (walked == budget.FirstWindow && found.Count == 0)
                {
                    var (indexSql, indexParameters) = sql.FullText(parsed, position, wanted - found.Count, budget.MaxIndexRows);
                    if (await IndexAnswerAsync(connection, indexSql, indexParameters, cancellationToken) is { } rest)
                    {
                        found.AddRange(rest);
                        return SearchPaging.Cut(found, query, parsed); // the index saw every hit beyond the window
                    }
                }
            }
            return SearchPaging.Cut(found, query, parsed, resumeAfter: position);
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

    /// <summary>
    /// The FULLTEXT step's rows, or null when its <c>LIMIT … ROWS EXAMINED</c> budget stopped it: then the rows it returned
    /// are not the newest (its sort saw only some), and the walk goes on instead. MariaDB reports the stop as error 1028
    /// when it happens in the sort, as warning 1931 otherwise.
    /// </summary>
    private static async Task<IReadOnlyList<ChatMessage>?> IndexAnswerAsync(
        MySqlConnection connection, string sql, (string, object)[] parameters, CancellationToken cancellationToken)
    {
        try
        {
            var rows = await QueryAsync(connection, null, sql, cancellationToken, parameters);
            return await StoppedEarlyAsync(connection, cancellationToken) ? null : rows;
        }
        catch (MySqlException ex) when (ex.Number == SortAborted)
        {
            return null;
        }
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
