using Chat.Messages;
using Chat.Rooms;
using Chat.Users;

namespace Chat.Grains.Tests.Rooms;

[Collection(GrainClusterCollection.Name)]
public sealed class RoomHistoryTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task PagesFollowTheProtocolsCursorRulesInsideAndBeyondTheCache()
    {
        var user = await TestData.RegisterAsync(Grains);
        var room = await TestData.CreateRoomAsync(Grains, user, isPublic: true);
        // Sent straight to the room: the per-user rate limit is the user grain's concern, not this test's.
        for (var i = 1; i <= 60; i++)
        {
            await Grains.GetGrain<IRoomGrain>(room.Id).Send(new PostMessage(user.Id, user.Username, $"m{i}", null, null));
        }
        var grain = Grains.GetGrain<IRoomGrain>(room.Id);

        async Task<long[]> Page(long? before, long? after, int limit) =>
            (await grain.GetMessages(user.Id, new HistoryQuery(before, after, limit))).Select(m => m.Seq).ToArray();

        Assert.Equal(Range(51, 60), await Page(null, null, 10));          // newest
        Assert.Equal(Range(1, 60), await Page(null, null, 200));          // all, from the log
        Assert.Equal(Range(11, 20), await Page(21, null, 10));            // scrolling back, beyond the cache
        Assert.Equal(Range(1, 5), await Page(6, null, 10));               // the start of the room
        Assert.Equal(Range(6, 15), await Page(null, 5, 10));              // catching up: the oldest after
        Assert.Equal(Range(56, 60), await Page(null, 55, 10));            // catching up near the head, from the cache
        Assert.Equal(Range(8, 9), await Page(10, 7, 10));                 // one known gap
        Assert.Empty(await Page(null, 60, 10));                           // nothing new
    }

    private static long[] Range(long from, long to) => Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (long)i).ToArray();
}
