using System.Collections.Immutable;
using System.Text.Json;
using Chat.Messages;

namespace Chat.Grains.Storage;

/// <summary>
/// How a message's changeable state reads and writes in SQL columns: reactions as one JSON array
/// (<c>[{"e":"👍","u":["user id", …]}]</c>, in first-use order), the replied-to message as the JSON array the read's
/// sub-query builds (<c>[userId, username, content]</c>).
/// </summary>
internal static class StoredMessageState
{
    public static string? WriteReactions(ImmutableArray<MessageReaction> reactions) =>
        reactions.IsDefaultOrEmpty
            ? null
            : JsonSerializer.Serialize(reactions.Select(r => new StoredReaction(r.Emoji, [.. r.UserIds])).ToArray());

    public static ImmutableArray<MessageReaction> ReadReactions(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        var stored = JsonSerializer.Deserialize<StoredReaction[]>(json) ?? [];
        return [.. stored.Select(r => new MessageReaction(r.E, [.. r.U]))];
    }

    /// <summary>A reply whose original cannot be read (never expected: messages are not removed) keeps its seq only.</summary>
    public static ReplyTo ReadReplyTo(long seq, string? original)
    {
        if (original is null)
        {
            return new ReplyTo(seq, "", "", "");
        }
        using var document = JsonDocument.Parse(original);
        var fields = document.RootElement;
        return new ReplyTo(seq, fields[0].GetString() ?? "", fields[1].GetString() ?? "", ReplyTo.ExcerptOf(fields[2].GetString() ?? ""));
    }

    private sealed record StoredReaction(string E, string[] U);
}
