namespace Chat.Errors;

// The input rules of editing, deleting, reacting and replying (docs/PROTOCOL.md, "Editing, deleting, reacting, replying").
public static partial class ChatRules
{
    public const int EmojiMaxLength = 32;
    public const int MaxReactionsPerMessage = 20;
    public const int ChangesDefaultLimit = 50;
    public const int ChangesMaxLimit = 200;

    /// <summary>A message's seq as a path or frame names it: at least 1.</summary>
    public static void ValidateSeq(long? seq, string field = "seq")
    {
        if (seq is not > 0)
        {
            throw ChatException.BadRequest($"{field} must be a positive message seq.");
        }
    }

    /// <summary>An emoji is 1-32 UTF-16 code units without white space or control characters (not trimmed: it is a key).</summary>
    public static string ValidateEmoji(string? emoji)
    {
        if (string.IsNullOrEmpty(emoji) || emoji.Length > EmojiMaxLength || emoji.Any(char.IsWhiteSpace))
        {
            throw ChatException.BadRequest($"emoji must be 1-{EmojiMaxLength} characters without spaces.");
        }
        RefuseUnsafe("emoji", emoji, allowLineBreaksAndTabs: false);
        return emoji;
    }

    /// <summary>An empty reply cursor counts as none; otherwise it must be a positive seq.</summary>
    public static long? ValidateReplyToSeq(long? replyToSeq)
    {
        if (replyToSeq is null or 0)
        {
            return null;
        }
        ValidateSeq(replyToSeq, "replyToSeq");
        return replyToSeq;
    }

    /// <summary>Checks the change feed cursor (0 = from the first change) and clamps the limit (default 50, at most 200).</summary>
    public static (long AfterChange, int Limit) ValidateChanges(long? afterChange, int? limit)
    {
        if (afterChange is < 0)
        {
            throw ChatException.BadRequest("afterChange must not be negative.");
        }
        if (limit is <= 0)
        {
            throw ChatException.BadRequest("limit must be positive.");
        }
        return (afterChange ?? 0, Math.Min(limit ?? ChangesDefaultLimit, ChangesMaxLimit));
    }
}
