using System.Collections.Immutable;

namespace Chat.Search;

/// <summary>
/// A search as the gateway hands it to the cluster: the query text (already checked), the rooms searched, at most
/// <see cref="Limit"/> results, and the exclusive position to continue after. The rooms searched are
/// <see cref="RoomIds"/> (the caller's member rooms, or the one room named) and, when <see cref="PublicRooms"/>, every
/// room listed in the public directory: the store joins the directory itself, so its size never makes the query grow.
/// Public rooms are open to everyone but the users their owner removed: the gateway drops results from such a room
/// (<c>ChatApplication.SearchMessagesAsync</c>), so a store need not know who asks.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.SearchQuery")]
public sealed record SearchQuery(
    [property: Id(0)] string Text,
    [property: Id(1)] ImmutableArray<string> RoomIds,
    [property: Id(2)] int Limit,
    [property: Id(3)] SearchPosition? Before,
    [property: Id(4)] bool PublicRooms = false)
{
    /// <summary>One named room: results are ordered by seq alone.</summary>
    public bool WithinOneRoom => RoomIds.Length == 1 && !PublicRooms;

    /// <summary>No room to search.</summary>
    public bool IsEmpty => RoomIds.IsEmpty && !PublicRooms;
}

/// <summary>
/// One page of results, newest first. <see cref="Next"/> is where the next page starts, or null when there is none.
/// A page may hold fewer than the limit and still have a next one: candidates whose text no longer matches (edited or
/// deleted since they were indexed) are dropped after the index found them, a store may stop after a bounded amount of
/// work at a position it then names as <see cref="Next"/> (the next page resumes the walk there), and the gateway drops
/// results from a public room the caller was removed from.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.SearchPage")]
public sealed record SearchPage(
    [property: Id(0)] ImmutableArray<Messages.ChatMessage> Results,
    [property: Id(1)] SearchPosition? Next);
