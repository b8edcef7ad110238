using System.Collections.Immutable;
using System.Text;
using Chat.Errors;

namespace Chat.Attachments;

/// <summary>The input rules of attachments (docs/PROTOCOL.md "Attachments"), in one place for every transport.</summary>
public static class AttachmentRules
{
    /// <summary>Bytes per stored chunk (a row of <c>attachment_chunks</c>, one grain call).</summary>
    public const int ChunkBytes = 256 * 1024;
    public const int MaxPerMessage = 10;
    public const int FileNameMaxLength = 255;
    public const int IdLength = 32;

    public static string NewId() => Guid.NewGuid().ToString("N");

    public static bool IsId(string? id) => id is { Length: IdLength } && id.All(char.IsAsciiHexDigitLower);

    /// <summary>The last path segment of the client's name, without control characters, at most 255 characters; "file" if nothing is left.</summary>
    public static string CleanFileName(string? name)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/')[^1];
        var clean = new StringBuilder(last.Length);
        foreach (var c in last)
        {
            if (!char.IsControl(c) && c is not ('"' or '\u202E' or '\u202D' or '\u2066' or '\u2067' or '\u2068' or '\u2069') && !char.IsSurrogate(c))
            {
                clean.Append(c);
            }
        }
        var trimmed = clean.ToString().Trim();
        return trimmed.Length == 0 ? "file" : trimmed.Length > FileNameMaxLength ? trimmed[..FileNameMaxLength] : trimmed;
    }

    /// <summary>Distinct, well-formed ids, at most <see cref="MaxPerMessage"/>; an absent list is none.</summary>
    public static ImmutableArray<string> ValidateIds(IReadOnlyList<string>? ids)
    {
        if (ids is null || ids.Count == 0)
        {
            return [];
        }
        if (ids.Count > MaxPerMessage)
        {
            throw ChatException.BadRequest($"A message carries at most {MaxPerMessage} attachments.");
        }
        if (ids.FirstOrDefault(id => !IsId(id)) is { } bad)
        {
            throw ChatException.BadRequest($"attachmentIds: '{(bad.Length > 40 ? bad[..40] + "…" : bad)}' is not an attachment id.");
        }
        return [.. ids.Distinct(StringComparer.Ordinal)];
    }
}
