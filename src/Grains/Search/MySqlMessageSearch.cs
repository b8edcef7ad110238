using System.Text;
using Chat.Errors;
using Chat.Grains.Storage;
using Chat.Search;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using static Chat.Grains.Storage.MySqlMessageRows;

namespace Chat.Grains.Search;

/// <summary>
/// Search on MySQL/MariaDB: a FULLTEXT index (boolean mode) over <c>messages.search_terms</c>, the hashed tokens of
/// each message's words and CJK unigrams/bigrams (<see cref="SearchTerms"/>), narrowed to the query's rooms and its
/// position, newest first, limit + 1 rows; each candidate's current text is then checked (<see cref="SearchPaging"/>).
/// A store that cannot be reached is Unavailable; a lost connection is retried once (<see cref="MySqlConnections"/>).
/// </summary>
public sealed partial class MySqlMessageSearch(MySqlConnections connections, ILogger<MySqlMessageSearch> logger) : IMessageSearch
{
    public async Task<SearchPage> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var parsed = ParsedSearch.Parse(query.Text);
        var rooms = query.RoomIds.Distinct(StringComparer.Ordinal).ToArray();
        if (parsed.IsEmpty || rooms.Length == 0)
        {
            return new SearchPage([], null);
        }

        var parameters = new List<(string, object)> { ("@q", parsed.BooleanExpression()), ("@limit", query.Limit + 1) };
        var sql = new StringBuilder($"SELECT {Columns} FROM messages WHERE MATCH(search_terms) AGAINST (@q IN BOOLEAN MODE) AND room_id IN (");
        for (var i = 0; i < rooms.Length; i++)
        {
            sql.Append(i == 0 ? $"@r{i}" : $",@r{i}");
            parameters.Add(($"@r{i}", rooms[i]));
        }
        sql.Append(')');
        if (query.Before is { } before)
        {
            sql.Append(query.WithinOneRoom
                ? " AND seq < @bs"
                : " AND (created_at < @bc OR (created_at = @bc AND (room_id < @br OR (room_id = @br AND seq < @bs))))");
            parameters.AddRange([("@bs", before.Seq), ("@bc", before.CreatedAt), ("@br", before.RoomId)]);
        }
        sql.Append(query.WithinOneRoom ? " ORDER BY seq DESC" : " ORDER BY created_at DESC, room_id DESC, seq DESC");
        sql.Append(" LIMIT @limit");

        try
        {
            var text = sql.ToString();
            var args = parameters.ToArray();
            var candidates = await connections.RunAsync(
                connection => QueryAsync(connection, null, text, cancellationToken, args),
                connection => QueryAsync(connection, null, text, cancellationToken, args),
                cancellationToken);
            return SearchPaging.Cut(candidates, query, parsed);
        }
        catch (Exception ex) when (MySqlFailures.IsStoreFailure(ex))
        {
            LogSearchFailed(logger, ex, (ex as MySqlException)?.Number ?? 0);
            throw ChatException.Unavailable("Search is unavailable; retry shortly.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message search failed (MySQL error {ErrorNumber})")]
    private static partial void LogSearchFailed(ILogger logger, Exception exception, int errorNumber);
}
