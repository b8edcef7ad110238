using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Chat.Search;

/// <summary>
/// Text to search terms, the same way for what is stored and for what is asked, in every store.
/// </summary>
/// <remarks>
/// <para>Folding: lower case, full-width ASCII as ASCII, accents of Latin letters removed ("Café" matches "cafe").</para>
/// <para>Segments: a run of letters and digits of an alphabetic script is one word. A run of CJK characters (Han,
/// kana, Hangul) has no spaces between its words, so it is indexed as every single character and every pair of
/// neighbouring characters (unigrams and bigrams): any Chinese substring of two or more characters is found through its
/// bigrams, a single character through its unigram, without a dictionary.</para>
/// <para>Tokens: each term is stored as <c>t</c> + 16 hex digits of its SHA-256. Fixed-width ASCII tokens make the
/// FULLTEXT index independent of the server's parser settings (MariaDB's <c>innodb_ft_min_token_size</c> of 3 would
/// drop every bigram and short word, its stopword list words such as "with"), of its character-set rules for CJK,
/// and of the boolean-mode operators. A hash collision can only add a candidate; every candidate is checked against
/// the message's current text (<see cref="ParsedSearch.Matches"/>) before it is returned.</para>
/// </remarks>
public static class SearchTerms
{
    /// <summary>Longer words are cut to this many characters (in the index and in queries alike).</summary>
    public const int MaxWordLength = 64;

    /// <summary>The folded form of <paramref name="text"/> that terms and phrases are taken from.</summary>
    /// <remarks>
    /// Written out rather than through Unicode normalization: the hosts run with invariant globalization (no ICU), where
    /// <c>string.Normalize</c> leaves non-ASCII text as it is. Lower-casing needs no ICU.
    /// </remarks>
    public static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                folded.Append(char.ToLowerInvariant((char)(c - 0xFEE0))); // full-width ASCII
            }
            else if (c is >= '\u0300' and <= '\u036F')
            {
                // a combining accent: dropped
            }
            else if (c is >= '\u00C0' and <= '\u017F' && Unaccented.TryGetValue(c, out var plain))
            {
                folded.Append(plain);
            }
            else
            {
                folded.Append(c);
            }
        }
        return folded.ToString();
    }

    /// <summary>Accented Latin letters (Latin-1 Supplement and Latin Extended-A, lower case) and their plain forms.</summary>
    private static readonly Dictionary<char, string> Unaccented = new[]
    {
        ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
        ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"),
        ("ŕŗř", "r"), ("śŝşš", "s"), ("ţťŧ", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ("ß", "ss"), ("æ", "ae"), ("œ", "oe"), ("þ", "th"), ("ð", "d"),
    }.SelectMany(pair => pair.Item1.Select(c => (c, pair.Item2))).ToDictionary(p => p.c, p => p.Item2);

    /// <summary>The runs of words and of CJK text in already folded text, in order.</summary>
    public static List<(string Text, bool Cjk)> Segments(string folded)
    {
        var segments = new List<(string, bool)>();
        var run = new StringBuilder();
        var runIsCjk = false;
        foreach (var rune in folded.EnumerateRunes())
        {
            var cjk = IsCjk(rune);
            var wordChar = cjk || Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (run.Length > 0 && (!wordChar || cjk != runIsCjk))
            {
                segments.Add((run.ToString(), runIsCjk));
                run.Clear();
            }
            if (wordChar)
            {
                runIsCjk = cjk;
                run.Append(rune.ToString());
            }
        }
        if (run.Length > 0)
        {
            segments.Add((run.ToString(), runIsCjk));
        }
        return segments;
    }

    /// <summary>Every term of a message's text: its words, and the unigrams and bigrams of its CJK runs.</summary>
    public static HashSet<string> IndexTerms(string text)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (segment, cjk) in Segments(Fold(text)))
        {
            if (!cjk)
            {
                terms.Add(Word(segment));
                continue;
            }
            var runes = Runes(segment);
            for (var i = 0; i < runes.Length; i++)
            {
                terms.Add(runes[i]);
                if (i + 1 < runes.Length)
                {
                    terms.Add(runes[i] + runes[i + 1]);
                }
            }
        }
        return terms;
    }

    /// <summary>The stored form of a message's terms: its distinct tokens separated by spaces (empty for no text).</summary>
    public static string IndexText(string text) => string.Join(' ', IndexTerms(text).Select(Token));

    /// <summary>The token of one term in the index.</summary>
    public static string Token(string term)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(term), hash);
        return "t" + Convert.ToHexStringLower(hash[..8]);
    }

    internal static string Word(string segment) => segment.Length <= MaxWordLength ? segment : segment[..MaxWordLength];

    internal static string[] Runes(string segment) => segment.EnumerateRunes().Select(r => r.ToString()).ToArray();

    /// <summary>Han (with extensions and compatibility ideographs), CJK symbols' ideographic marks, kana and Hangul.</summary>
    private static bool IsCjk(Rune rune) => rune.Value switch
    {
        >= 0x3040 and <= 0x30FF => true,   // Hiragana, Katakana
        >= 0x3400 and <= 0x4DBF => true,   // CJK Extension A
        >= 0x4E00 and <= 0x9FFF => true,   // CJK Unified Ideographs
        >= 0xAC00 and <= 0xD7AF => true,   // Hangul syllables
        >= 0xF900 and <= 0xFAFF => true,   // CJK Compatibility Ideographs
        >= 0x20000 and <= 0x3134F => true, // CJK Extensions B–G
        0x3005 or 0x3007 => true,          // 々 〇
        _ => false,
    };
}
