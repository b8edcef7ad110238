namespace Chat.Errors;

/// <summary>
/// Characters no name and no message should carry: C0/C1 control characters (NUL, ESC, backspace, ...), the
/// Unicode bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069, which let a name or a
/// message display differently from what it is: "Trojan Source" spoofing) and unpaired UTF-16 surrogates (not text
/// at all; the database would refuse them). Message content may keep the whitespace a chat needs: line feed,
/// carriage return and tab. Anything else is refused, never silently stripped, so what a client sent is either stored
/// exactly or answered with a clear error.
/// </summary>
public static class UnsafeText
{
    /// <summary>The first refused character of <paramref name="value"/>, or null when there is none.</summary>
    public static char? FindIn(string value, bool allowLineBreaksAndTabs)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (IsRefused(c, allowLineBreaksAndTabs))
            {
                return c;
            }
        }
        return null;
    }

    /// <summary>"U+202E": how an error message names a refused character (printing it would be the problem).</summary>
    public static string Describe(char c) => $"U+{(int)c:X4}";

    private static bool IsRefused(char c, bool allowLineBreaksAndTabs) => c switch
    {
        '\n' or '\r' or '\t' => !allowLineBreaksAndTabs,
        < '\u0020' => true,
        >= '\u007F' and <= '\u009F' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => char.IsSurrogate(c),
    };
}
