using System.Collections.Immutable;
using Chat.Messages;
using Chat.Search;

namespace Chat.Grains.Search;

/// <summary>The one way a page is cut from candidates in result order, for every store.</summary>
internal static class SearchPaging
{
    /// <summary>
    /// Newest first: across rooms by (createdAt, roomId, seq) descending; within one room by seq descending.
    /// </summary>
    public static int Compare(ChatMessage a, ChatMessage b, bool withinOneRoom)
    {
        if (!withinOneRoom)
        {
            if (a.CreatedAt != b.CreatedAt)
            {
                return b.CreatedAt.CompareTo(a.CreatedAt);
            }
            var room = string.CompareOrdinal(b.RoomId, a.RoomId);
            if (room != 0)
            {
                return room;
            }
        }
        return b.Seq.CompareTo(a.Seq);
    }

    /// <summary>
    /// <paramref name="candidates"/> are up to limit + 1 messages in result order after the query's position. The
    /// first <c>limit</c> of them are this page's window: those whose current text matches are the results, and when a
    /// further candidate exists the next page starts after the window's last one. When there are fewer,
    /// <paramref name="resumeAfter"/> is where the store stopped looking (every message before it in result order was
    /// considered), or null when it looked at everything: the next page starts there.
    /// </summary>
    public static SearchPage Cut(IReadOnlyList<ChatMessage> candidates, SearchQuery query, ParsedSearch parsed, SearchPosition? resumeAfter = null)
    {
        var window = candidates.Take(query.Limit).ToList();
        var results = window.Where(m => parsed.Matches(m.Content)).ToImmutableArray();
        var next = candidates.Count > query.Limit ? SearchPosition.Of(window[^1]) : resumeAfter;
        return new SearchPage(results, next);
    }
}
