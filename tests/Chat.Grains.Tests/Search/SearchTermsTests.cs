using Chat.Search;

namespace Chat.Grains.Tests.Search;

/// <summary>How text becomes search terms and how a query matches, the same in every store.</summary>
public sealed class SearchTermsTests
{
    [Fact]
    public void WordsAreFoldedToLowerCaseWithoutAccentsAndFullWidthLatinBecomesAscii()
    {
        var terms = SearchTerms.IndexTerms("Café NAÏVE Ｏｒｌｅａｎｓ, don't-stop 2026");

        Assert.Equal(new HashSet<string> { "cafe", "naive", "orleans", "don", "t", "stop", "2026" }, terms);
    }

    [Fact]
    public void ChineseRunsGiveEveryCharacterAndEveryNeighbouringPair()
    {
        Assert.Equal(new HashSet<string> { "分", "布", "式", "分布", "布式", "go" }, SearchTerms.IndexTerms("分布式Go"));
    }

    [Theory]
    [InlineData("分布式", "我们讨论分布式系统", true)]
    [InlineData("式分布", "我们讨论分布式系统", false)]   // bigrams present, not in this order
    [InlineData("统", "我们讨论分布式系统", true)]
    [InlineData("hello WORLD", "Hello, world!", true)]
    [InlineData("hello world", "hello there", false)]
    [InlineData("cafe", "un café noir", true)]
    [InlineData("hell", "hello", false)]                  // whole words, not prefixes
    [InlineData("hello", "", false)]                      // a deleted message has no content
    public void AMessageMatchesWhenItHasEveryTermAndEveryChinesePhrase(string query, string content, bool matches)
    {
        Assert.Equal(matches, ParsedSearch.Parse(query).Matches(content));
    }

    [Fact]
    public void TokensAreFixedWidthAsciiAndTheSameForTheSameTerm()
    {
        var tokens = SearchTerms.IndexText("with 中文").Split(' ');

        Assert.Equal(4, tokens.Length); // with, 中, 文, 中文
        Assert.All(tokens, token => Assert.Matches("^t[0-9a-f]{16}$", token));
        Assert.Contains(SearchTerms.Token("中文"), tokens);
        Assert.Contains("+" + SearchTerms.Token("with"), ParsedSearch.Parse("WITH").BooleanExpression());
    }

    [Theory]
    [InlineData("!!! ???")]
    [InlineData("   ")]
    public void AQueryWithoutWordsIsEmpty(string query)
    {
        Assert.True(ParsedSearch.Parse(query).IsEmpty);
    }
}
