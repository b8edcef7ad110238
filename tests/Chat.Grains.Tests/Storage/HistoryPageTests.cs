using Chat.Grains.Storage;
using Chat.Messages;

namespace Chat.Grains.Tests.Storage;

public sealed class HistoryPageTests
{
    [Theory]
    // cache holds seqs 41..60 of a room whose log ends at 60
    [InlineData(null, null, 20, true)]    // the newest 20: all cached
    [InlineData(null, null, 21, false)]   // one more than cached
    [InlineData(null, 40L, 10, true)]     // after 40: 41.. are cached
    [InlineData(null, 39L, 10, false)]    // after 39 needs 40
    [InlineData(51L, null, 10, true)]     // 41..50
    [InlineData(50L, null, 10, false)]    // needs 40
    public void TheCacheAnswersOnlyWhenItHoldsEveryMessageThePageCouldContain(long? before, long? after, int limit, bool expected)
    {
        Assert.Equal(expected, HistoryPage.CanServeFromCache(41, 60, 20, new HistoryQuery(before, after, limit)));
    }

    [Fact]
    public void ACacheThatStartsAtTheFirstMessageAnswersEverything()
    {
        Assert.True(HistoryPage.CanServeFromCache(1, 5, 5, new HistoryQuery(null, null, 200)));
        Assert.True(HistoryPage.CanServeFromCache(0, 0, 0, new HistoryQuery(3, null, 10)));
    }
}
