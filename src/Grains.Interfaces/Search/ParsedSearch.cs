namespace Chat.Search;

/// <summary>
/// A search query taken apart: every term a message must contain, and the CJK runs of two or more characters that
/// must appear in it as written (bigrams alone would also accept their pairs in another order).
/// A message matches when its current text has all of <see cref="Terms"/> and contains every one of <see cref="Phrases"/>.
/// </summary>
public sealed class ParsedSearch
{
    /// <summary>How many of the terms go to the index (the rarest few narrow the candidates; all are checked afterwards).</summary>
    public const int MaxIndexedTerms = 12;

    private ParsedSearch(IReadOnlyList<string> terms, IReadOnlyList<string> phrases)
    {
        Terms = terms;
        Phrases = phrases;
    }

    public IReadOnlyList<string> Terms { get; }

    public IReadOnlyList<string> Phrases { get; }

    /// <summary>The query's terms (empty when it has no word or CJK character: nothing to search for).</summary>
    public static ParsedSearch Parse(string query)
    {
        var terms = new List<string>();
        var phrases = new List<string>();
        foreach (var (segment, cjk) in SearchTerms.Segments(SearchTerms.Fold(query)))
        {
            if (!cjk)
            {
                terms.Add(SearchTerms.Word(segment));
                continue;
            }
            var runes = SearchTerms.Runes(segment);
            if (runes.Length == 1)
            {
                terms.Add(runes[0]);
                continue;
            }
            phrases.Add(segment);
            for (var i = 0; i + 1 < runes.Length; i++)
            {
                terms.Add(runes[i] + runes[i + 1]);
            }
        }
        return new ParsedSearch(terms.Distinct(StringComparer.Ordinal).ToArray(), phrases.Distinct(StringComparer.Ordinal).ToArray());
    }

    public bool IsEmpty => Terms.Count == 0;

    /// <summary>
    /// The FULLTEXT boolean-mode expression: every indexed term required (<c>+t… +t…</c>). Longer terms first: a long
    /// word is rarer than a short one, and a bigram rarer than a unigram.
    /// </summary>
    public string BooleanExpression() => string.Join(' ', IndexedTokens().Select(token => "+" + token));

    /// <summary>The tokens of the terms the index is asked for: at most <see cref="MaxIndexedTerms"/>, longer terms first.</summary>
    public IReadOnlyList<string> IndexedTokens() =>
        [.. Terms.OrderByDescending(t => t.Length).Take(MaxIndexedTerms).Select(SearchTerms.Token)];

    /// <summary>True when <paramref name="content"/> (as stored now) has every term and phrase of the query.</summary>
    public bool Matches(string content)
    {
        if (string.IsNullOrEmpty(content))
        {
            return false; // a deleted message has no content: never a hit
        }
        var terms = SearchTerms.IndexTerms(content);
        if (!Terms.All(terms.Contains))
        {
            return false;
        }
        if (Phrases.Count == 0)
        {
            return true;
        }
        var folded = SearchTerms.Fold(content);
        return Phrases.All(phrase => folded.Contains(phrase, StringComparison.Ordinal));
    }
}
