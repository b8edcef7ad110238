using Chat.Errors;
using Chat.Messages;
using Chat.Rooms;
using Chat.Users;

namespace Chat.Grains.Tests.Rooms;

[Collection(GrainClusterCollection.Name)]
public sealed class RoomSendTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task ConcurrentSendsFromManyUsersGetGapFreeAscendingSeqsAndArePushedOnceInOrder()
    {
        var creator = await TestData.RegisterAsync(Grains);
        var room = await TestData.CreateRoomAsync(Grains, creator, isPublic: true);
        var senders = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => TestData.RegisterAsync(Grains)));
        await using var probe = await RoomEventProbe.SubscribeAsync(fixture.Client, room.Id);

        var sends = senders.SelectMany(user => Enumerable.Range(0, 25).Select(i =>
            Grains.GetGrain<IUserGrain>(user.Id).SendMessage(room.Id, $"{user.Username} #{i}", null, null)));
        var results = await Task.WhenAll(sends);

        Assert.All(results, r => Assert.True(r.Created));
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), results.Select(r => r.Message.Seq).Order());
        var history = await Grains.GetGrain<IRoomGrain>(room.Id).GetMessages(creator.Id, new HistoryQuery(null, 0, 200));
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), history.Select(m => m.Seq));
        Assert.Equal(results.Select(r => r.Message).OrderBy(m => m.Seq), history);
        // Sends that queue up behind a write are stored and published together; subscribers still get each once, in seq order.
        var pushed = new List<long>();
        while (pushed.Count < 200)
        {
            pushed.Add((await probe.NextAsync(e => e.Kind == RoomEventKind.NewMessage)).Message!.Seq);
        }
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), pushed);
    }

    [Fact]
    public async Task RetryWithTheSameClientMessageIdReturnsTheOriginalAndStoresNothing()
    {
        var user = await TestData.RegisterAsync(Grains);
        var room = await TestData.CreateRoomAsync(Grains, user, isPublic: true);
        var sender = Grains.GetGrain<IUserGrain>(user.Id);
        await using var probe = await RoomEventProbe.SubscribeAsync(fixture.Client, room.Id);

        var first = await sender.SendMessage(room.Id, "hello", "client-1", null);
        var retry = await sender.SendMessage(room.Id, "hello, edited", "client-1", null);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => sender.SendMessage(room.Id, "again", "client-2", null)));

        Assert.True(first.Created);
        Assert.False(retry.Created);
        Assert.Equal(first.Message, retry.Message);
        Assert.Single(concurrent, r => r.Created);
        Assert.Single(concurrent.Select(r => r.Message).Distinct());
        var history = await Grains.GetGrain<IRoomGrain>(room.Id).GetMessages(user.Id, new HistoryQuery(null, null, 50));
        Assert.Equal(["hello", "again"], history.Select(m => m.Content));
        // Pushed once each: after a sentinel sent last, no other message event is in between.
        await sender.SendMessage(room.Id, "sentinel", null, null);
        var pushed = new List<string>();
        while (pushed.LastOrDefault() != "sentinel")
        {
            pushed.Add((await probe.NextAsync(e => e.Kind == RoomEventKind.NewMessage)).Message!.Content);
        }
        Assert.Equal(["hello", "again", "sentinel"], pushed);
    }

    [Fact]
    public async Task AClientIdIsScopedToItsUser()
    {
        var alice = await TestData.RegisterAsync(Grains);
        var bob = await TestData.RegisterAsync(Grains);
        var room = await TestData.CreateRoomAsync(Grains, alice, isPublic: true);

        var fromAlice = await Grains.GetGrain<IUserGrain>(alice.Id).SendMessage(room.Id, "a", "same-id", null);
        var fromBob = await Grains.GetGrain<IUserGrain>(bob.Id).SendMessage(room.Id, "b", "same-id", null);

        Assert.True(fromBob.Created);
        Assert.Equal(fromAlice.Message.Seq + 1, fromBob.Message.Seq);
    }

    [Fact]
    public async Task RetryIsRecognisedAfterTheRoomReactivates()
    {
        var user = await TestData.RegisterAsync(Grains);
        var room = await TestData.CreateRoomAsync(Grains, user, isPublic: true);
        var sender = Grains.GetGrain<IUserGrain>(user.Id);
        var first = await sender.SendMessage(room.Id, "durable", "retry-after-restart", null);

        await fixture.Cluster.DeactivateAsync(Grains.GetGrain<IRoomGrain>(room.Id));
        var retry = await sender.SendMessage(room.Id, "durable", "retry-after-restart", null);
        var next = await sender.SendMessage(room.Id, "next", null, null);

        Assert.False(retry.Created);
        Assert.Equal(first.Message, retry.Message);
        Assert.Equal(2, next.Message.Seq);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public async Task EmptyContentIsRefusedAndNothingIsStored(string content)
    {
        var user = await TestData.RegisterAsync(Grains);
        var room = await TestData.CreateRoomAsync(Grains, user, isPublic: true);

        var error = await Assert.ThrowsAsync<ChatException>(() => Grains.GetGrain<IUserGrain>(user.Id).SendMessage(room.Id, content, null, null));

        Assert.Equal(ChatErrorCode.BadRequest, error.Code);
        Assert.Empty(await Grains.GetGrain<IRoomGrain>(room.Id).GetMessages(user.Id, new HistoryQuery(null, null, 50)));
    }

    [Fact]
    public async Task ContentIsTrimmedAndLimitedTo4000CodeUnits()
    {
        var user = await TestData.RegisterAsync(Grains);
        var room = await TestData.CreateRoomAsync(Grains, user, isPublic: true);
        var sender = Grains.GetGrain<IUserGrain>(user.Id);

        var atLimit = await sender.SendMessage(room.Id, "  " + new string('x', 4000) + "  ", null, null);
        var error = await Assert.ThrowsAsync<ChatException>(() => sender.SendMessage(room.Id, new string('y', 4001), null, null));

        Assert.Equal(4000, atLimit.Message.Content.Length);
        Assert.Equal(ChatErrorCode.BadRequest, error.Code);
        Assert.Single(await Grains.GetGrain<IRoomGrain>(room.Id).GetMessages(user.Id, new HistoryQuery(null, null, 50)));
    }

    [Fact]
    public async Task SendingToARoomThatDoesNotExistIsNotFound()
    {
        var user = await TestData.RegisterAsync(Grains);

        var error = await Assert.ThrowsAsync<ChatException>(() =>
            Grains.GetGrain<IUserGrain>(user.Id).SendMessage(TestData.NewRoomId("missing"), "hi", null, null));

        Assert.Equal(ChatErrorCode.NotFound, error.Code);
    }

    [Fact]
    public async Task AFloodBeyondTheBurstIsRateLimitedAndNotStored()
    {
        var user = await TestData.RegisterAsync(Grains);
        var room = await TestData.CreateRoomAsync(Grains, user, isPublic: true);
        var sender = Grains.GetGrain<IUserGrain>(user.Id);

        var outcomes = new List<ChatErrorCode?>();
        for (var i = 0; i < 40; i++)
        {
            try
            {
                await sender.SendMessage(room.Id, $"flood {i}", null, null);
                outcomes.Add(null);
            }
            catch (ChatException ex)
            {
                outcomes.Add(ex.Code);
            }
        }

        var limited = outcomes.Count(o => o == ChatErrorCode.RateLimited);
        Assert.InRange(limited, 1, 10);
        var stored = await Grains.GetGrain<IRoomGrain>(room.Id).GetMessages(user.Id, new HistoryQuery(null, 0, 200));
        Assert.Equal(40 - limited, stored.Length);
    }

    [Fact]
    public async Task TheAuthorsNameComesFromTheUserGrain()
    {
        var user = await TestData.RegisterAsync(Grains);
        var room = await TestData.CreateRoomAsync(Grains, user, isPublic: true);

        var sent = await Grains.GetGrain<IUserGrain>(user.Id).SendMessage(room.Id, "who am I", null, "conn-1");

        Assert.Equal((user.Id, user.Username, MessageTypes.Text), (sent.Message.UserId, sent.Message.Username, sent.Message.MessageType));
        Assert.Equal($"{room.Id}:1", sent.Message.Id);
    }
}
