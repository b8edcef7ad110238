using System.Collections.Immutable;

namespace Chat.Search;

/// <summary>
/// A search as the gateway hands it to the cluster: the query text (already checked), the rooms the caller may read
/// (the only rooms searched), at most <see cref="Limit"/> results, and the exclusive position to continue after.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.SearchQuery")]
public sealed record SearchQuery(
    [property: Id(0)] string Text,
    [property: Id(1)] ImmutableArray<string> RoomIds,
    [property: Id(2)] int Limit,
    [property: Id(3)] SearchPosition? Before)
{
    /// <summary>One room: results are ordered by seq alone.</summary>
    public bool WithinOneRoom => RoomIds.Length == 1;
}

/// <summary>
/// One page of results, newest first. <see cref="Next"/> is where the next page starts, or null when there is none.
/// A page may hold fewer than the limit and still have a next one (candidates whose text no longer matches — edited
/// or deleted since they were indexed — are dropped after the index found them).
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.SearchPage")]
public sealed record SearchPage(
    [property: Id(0)] ImmutableArray<Messages.ChatMessage> Results,
    [property: Id(1)] SearchPosition? Next);
