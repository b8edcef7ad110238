using System.Text;
using Chat.Search;

namespace Chat.Grains.Search;

/// <summary>
/// The SQL of one search (<see cref="MySqlMessageSearch"/>): its rooms, its order, and positions in that order, with the
/// parameters they bind. Across rooms the order is (created_at, room_id, seq) descending, read backwards from
/// <c>ix_messages_created</c> (migration 63; InnoDB appends the primary key to it, so the index holds exactly that
/// order); within one room it is seq descending, read backwards from the primary key.
/// </summary>
internal sealed class MySqlSearchSql
{
    private readonly SearchQuery _query;
    private readonly string _scope;
    private readonly string _index;
    private readonly List<(string Name, object Value)> _scopeParameters = [];

    public MySqlSearchSql(SearchQuery query, IReadOnlyList<string> rooms)
    {
        _query = query;
        _index = query.WithinOneRoom ? "FORCE INDEX (PRIMARY)" : "FORCE INDEX (ix_messages_created)";
        OrderBy = query.WithinOneRoom ? "ORDER BY seq DESC" : "ORDER BY created_at DESC, room_id DESC, seq DESC";
        var scope = new StringBuilder();
        if (rooms.Count > 0)
        {
            scope.Append("room_id IN (").AppendJoin(',', rooms.Select((_, i) => $"@r{i}")).Append(')');
            _scopeParameters.AddRange(rooms.Select((room, i) => ($"@r{i}", (object)room)));
        }
        if (query.PublicRooms)
        {
            // A join on the directory's unique key per candidate, however many rooms the directory lists.
            scope.Append(scope.Length > 0 ? " OR " : "").Append("EXISTS (SELECT 1 FROM public_rooms p WHERE p.room_id = messages.room_id)");
        }
        _scope = $"({scope})";
    }

    public string OrderBy { get; }

    /// <summary>
    /// The position of the <paramref name="window"/>-th message (of any room, or of the one room) after
    /// <paramref name="after"/>: the far end of the next walk step, read from the index alone.
    /// </summary>
    public (string Sql, (string, object)[] Parameters) Boundary(SearchPosition? after, int window)
    {
        var parameters = new List<(string, object)> { ("@offset", window - 1) };
        var where = new List<string>();
        if (_query.WithinOneRoom)
        {
            where.Add("room_id = @r0");
            parameters.Add(("@r0", _query.RoomIds[0]));
        }
        if (after is not null)
        {
            where.Add(Before(after, "a", parameters));
        }
        var sql = $"SELECT created_at, room_id, seq FROM messages {_index} {Where(where)} {OrderBy} LIMIT 1 OFFSET @offset";
        return (sql, [.. parameters]);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> messages of the rooms searched that hold every indexed term, after
    /// <paramref name="after"/> and not past <paramref name="until"/> (inclusive; null: to the end), in result order.
    /// The terms are compared per row (each token is a fixed-width word starting with the only 't' in it, so a
    /// substring test finds exactly that token).
    /// </summary>
    public (string Sql, (string, object)[] Parameters) Walk(ParsedSearch parsed, SearchPosition? after, SearchPosition? until, int limit)
    {
        var parameters = new List<(string, object)>(_scopeParameters) { ("@limit", limit) };
        var where = new List<string> { _scope };
        var tokens = parsed.IndexedTokens();
        for (var i = 0; i < tokens.Count; i++)
        {
            where.Add($"search_terms LIKE @k{i}");
            parameters.Add(($"@k{i}", $"%{tokens[i]}%"));
        }
        if (after is not null)
        {
            where.Add(Before(after, "a", parameters));
        }
        if (until is not null)
        {
            where.Add($"NOT {Before(until, "u", parameters)}");
        }
        return ($"SELECT {Columns} FROM messages {_index} {Where(where)} {OrderBy} LIMIT @limit", [.. parameters]);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> messages after <paramref name="after"/> found through the FULLTEXT index, reading
    /// at most <paramref name="budget"/> rows (MariaDB stops the statement there with warning 1931).
    /// </summary>
    public (string Sql, (string, object)[] Parameters) FullText(ParsedSearch parsed, SearchPosition? after, int limit, int budget)
    {
        var parameters = new List<(string, object)>(_scopeParameters)
        {
            ("@q", parsed.BooleanExpression()), ("@limit", limit), ("@budget", budget),
        };
        var where = new List<string> { "MATCH(search_terms) AGAINST (@q IN BOOLEAN MODE)", _scope };
        if (after is not null)
        {
            where.Add(Before(after, "a", parameters));
        }
        // Never the time index: with a position to continue after, the optimizer may prefer walking it and testing MATCH
        // on every row, which is what the walk does far cheaper.
        return ($"SELECT {Columns} FROM messages IGNORE INDEX (ix_messages_created) {Where(where)} {OrderBy} LIMIT @limit ROWS EXAMINED @budget", [.. parameters]);
    }

    private const string Columns = Storage.MySqlMessageRows.Columns;

    private static string Where(List<string> conditions) => conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);

    /// <summary>Rows strictly after <paramref name="position"/> in result order (older).</summary>
    private string Before(SearchPosition position, string name, List<(string, object)> parameters)
    {
        parameters.Add(($"@{name}s", position.Seq));
        if (_query.WithinOneRoom)
        {
            return $"(seq < @{name}s)";
        }
        parameters.AddRange([($"@{name}c", position.CreatedAt), ($"@{name}r", position.RoomId)]);
        return $"(created_at < @{name}c OR (created_at = @{name}c AND (room_id < @{name}r OR (room_id = @{name}r AND seq < @{name}s))))";
    }
}
