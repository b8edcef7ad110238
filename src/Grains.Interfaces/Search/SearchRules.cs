using System.Collections.Immutable;
using Chat.Errors;

namespace Chat.Search;

/// <summary>The input rules of <c>GET /chat/search</c> (docs/PROTOCOL.md), checked once for every transport.</summary>
public static class SearchRules
{
    public const int QueryMaxLength = 256;
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>
    /// Checks the query and the paging values before anything is searched. The answer searches <paramref name="roomId"/>
    /// when one is named, else no room yet: the caller fills in the rooms they may read (<c>query with { RoomIds = … }</c>).
    /// A <paramref name="beforeSeq"/> needs a named room; <paramref name="cursor"/> must be one a previous page returned.
    /// </summary>
    public static SearchQuery Validate(string? q, string? roomId, int? limit, long? beforeSeq, string? cursor)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            throw ChatException.BadRequest("q is required: the words to search for.");
        }
        if (q.Length > QueryMaxLength)
        {
            throw ChatException.BadRequest($"q must be at most {QueryMaxLength} characters (it has {q.Length}).");
        }
        if (ParsedSearch.Parse(q).IsEmpty)
        {
            throw ChatException.BadRequest("q has no word or character to search for.");
        }
        if (roomId is not null)
        {
            ChatRules.ValidateRoomId(roomId);
        }
        if (limit is <= 0)
        {
            throw ChatException.BadRequest("limit must be positive.");
        }
        if (beforeSeq is <= 0)
        {
            throw ChatException.BadRequest("beforeSeq must be positive.");
        }
        if (beforeSeq is not null && cursor is not null)
        {
            throw ChatException.BadRequest("Give beforeSeq or cursor, not both.");
        }
        SearchPosition? before = null;
        if (beforeSeq is { } seq)
        {
            before = roomId is not null
                ? new SearchPosition(long.MaxValue, roomId, seq)
                : throw ChatException.BadRequest("beforeSeq pages within one room: give roomId too (across rooms, use cursor).");
        }
        else if (cursor is not null)
        {
            before = SearchPosition.TryParseCursor(cursor) ?? throw ChatException.BadRequest("cursor is not one this API returned.");
        }
        ImmutableArray<string> rooms = roomId is null ? [] : [roomId];
        return new SearchQuery(q.Trim(), rooms, Math.Min(limit ?? DefaultLimit, MaxLimit), before);
    }
}
