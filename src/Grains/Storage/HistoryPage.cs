using System.Collections.Immutable;
using Chat.Messages;

namespace Chat.Grains.Storage;

/// <summary>docs/PROTOCOL.md's paging rules over an ascending, contiguous run of messages (a cache or an in-memory log).</summary>
public static class HistoryPage
{
    /// <summary>Applies <paramref name="query"/> to <paramref name="ascending"/> (sorted by seq, no gaps).</summary>
    public static ImmutableArray<ChatMessage> Select(IReadOnlyList<ChatMessage> ascending, HistoryQuery query)
    {
        IEnumerable<ChatMessage> window = ascending;
        if (query.AfterSeq is { } after)
        {
            window = window.Where(m => m.Seq > after);
        }
        if (query.BeforeSeq is { } before)
        {
            window = window.Where(m => m.Seq < before);
        }
        var matching = window.ToList();
        // With an afterSeq the oldest matching messages are wanted (catching up); otherwise the newest.
        var page = query.AfterSeq is not null
            ? matching.Take(query.Limit)
            : matching.Skip(Math.Max(0, matching.Count - query.Limit));
        return page.ToImmutableArray();
    }

    /// <summary>
    /// True when a cache holding the contiguous range [firstSeq, lastSeq] of a room (whose log also ends at
    /// lastSeq) can answer the query without the store: every message the query could return is in it.
    /// </summary>
    public static bool CanServeFromCache(long firstSeq, long lastSeq, int cachedCount, HistoryQuery query)
    {
        if (cachedCount == 0)
        {
            return lastSeq == 0;
        }
        if (firstSeq <= 1)
        {
            return true; // the cache holds the whole room
        }
        if (query.AfterSeq is { } after)
        {
            return after >= firstSeq - 1;
        }
        // Newest-first pages: the cache suffices when it holds `limit` messages below the cursor.
        var upper = Math.Min(query.BeforeSeq ?? long.MaxValue, lastSeq + 1);
        return upper - firstSeq >= query.Limit;
    }
}
