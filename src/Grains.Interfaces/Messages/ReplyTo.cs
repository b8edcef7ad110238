namespace Chat.Messages;

/// <summary>
/// The message a reply answers, as that message is now: its author and the start of its text (empty once it is
/// deleted, so no copy of deleted text survives in a reply).
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.ReplyTo")]
public sealed record ReplyTo(
    [property: Id(0)] long Seq,
    [property: Id(1)] string UserId,
    [property: Id(2)] string Username,
    [property: Id(3)] string Excerpt)
{
    /// <summary>At most this many UTF-16 code units of the original are quoted (a surrogate pair is never split).</summary>
    public const int ExcerptMaxLength = 100;

    public static ReplyTo Of(ChatMessage original) =>
        new(original.Seq, original.UserId, original.Username, ExcerptOf(original.Deleted ? "" : original.Content));

    public static string ExcerptOf(string content)
    {
        if (content.Length <= ExcerptMaxLength)
        {
            return content;
        }
        var end = char.IsHighSurrogate(content[ExcerptMaxLength - 1]) ? ExcerptMaxLength - 1 : ExcerptMaxLength;
        return content[..end] + "…";
    }
}
