using System.Globalization;
using Chat.Messages;

namespace Chat.Search;

/// <summary>
/// Where a message sorts among search results. Results are newest first: across rooms by (createdAt, roomId, seq)
/// descending — a total order, so paging never skips or repeats a message — and within one room by seq descending.
/// Its text form is the <c>cursor</c> of the API: <c>{createdAt}.{seq}.{roomId}</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.SearchPosition")]
public sealed record SearchPosition(
    [property: Id(0)] long CreatedAt,
    [property: Id(1)] string RoomId,
    [property: Id(2)] long Seq)
{
    public static SearchPosition Of(ChatMessage message) => new(message.CreatedAt, message.RoomId, message.Seq);

    public string ToCursor() => string.Create(CultureInfo.InvariantCulture, $"{CreatedAt}.{Seq}.{RoomId}");

    /// <summary>The position a cursor names, or null when it is not one this API wrote.</summary>
    public static SearchPosition? TryParseCursor(string? cursor)
    {
        var parts = cursor?.Split('.', 3);
        if (parts is not { Length: 3 }
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var createdAt)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
            || !Errors.ChatRules.IsRoomId(parts[2]))
        {
            return null;
        }
        return new SearchPosition(createdAt, parts[2], seq);
    }

    /// <summary>
    /// True when <paramref name="message"/> comes after this position in result order (is older): by seq alone when
    /// <paramref name="withinOneRoom"/>, else by (createdAt, roomId, seq).
    /// </summary>
    public bool IsBefore(ChatMessage message, bool withinOneRoom)
    {
        if (withinOneRoom)
        {
            return message.Seq < Seq;
        }
        if (message.CreatedAt != CreatedAt)
        {
            return message.CreatedAt < CreatedAt;
        }
        var room = string.CompareOrdinal(message.RoomId, RoomId);
        return room != 0 ? room < 0 : message.Seq < Seq;
    }
}
