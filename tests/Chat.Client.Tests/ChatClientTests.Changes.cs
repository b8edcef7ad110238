using System.Threading.Channels;
using Chat.Client.Tests.Fakes;
using Chat.Contracts;

namespace Chat.Client.Tests;

// The client applies each room's changes in changeSeq order, exactly once, reading what it missed from the change feed.
public sealed partial class ChatClientTests
{
    [Fact]
    public async Task ChangesLostInTransitAreReadFromTheFeedAndAppliedInOrderOnce()
    {
        var server = new FakeChatServer(RoomId);
        var (client, _) = await ConnectAsync(server, "alice");
        await using var __ = client;
        var updates = Collect(client);
        server.Post(RoomId, "bob", "one");
        server.Post(RoomId, "bob", "two");
        await client.JoinRoomAsync(RoomId);

        server.LosePushes = true;
        server.Edit(RoomId, 1, "one, edited");
        server.Edit(RoomId, 2, "two, edited");
        server.LosePushes = false;
        server.Edit(RoomId, 1, "one, edited again");

        var applied = await NextAsync(updates, 3);
        Assert.Equal([1L, 2, 3], applied.Select(u => u.ChangeSeq));
        Assert.Equal("one, edited again", applied[2].Message.Content);
        await client.CatchUpChangesAsync(RoomId);
        Assert.Equal(3, client.LastAppliedChangeSeq(RoomId));
        Assert.False(updates.Reader.TryPeek(out var extra), $"Applied twice: change {extra?.ChangeSeq}.");
    }

    [Fact]
    public async Task AClientThatWasOfflineResumesAfterItsLastChangeAndThenFollowsLive()
    {
        var server = new FakeChatServer(RoomId);
        server.Post(RoomId, "bob", "one");
        server.Edit(RoomId, 1, "edited before alice came");
        server.Edit(RoomId, 1, "edited again while alice was away");
        var (client, _) = await ConnectAsync(server, "alice");
        await using var __ = client;
        var updates = Collect(client);

        var joined = await client.JoinRoomAsync(RoomId, resumeAfterSeq: 1, resumeAfterChange: 1);

        Assert.Equal(2, joined.LastChangeSeq);
        Assert.Equal([2L], (await NextAsync(updates, 1)).Select(u => u.ChangeSeq));
        server.Edit(RoomId, 1, "live");
        var live = Assert.Single(await NextAsync(updates, 1));
        Assert.Equal((3L, "live"), (live.ChangeSeq, live.Message.Content));
    }

    private static Channel<MessageUpdatedDto> Collect(ChatClient client)
    {
        var updates = Channel.CreateUnbounded<MessageUpdatedDto>();
        client.MessageUpdated += update => updates.Writer.TryWrite(update);
        return updates;
    }

    private static async Task<List<MessageUpdatedDto>> NextAsync(Channel<MessageUpdatedDto> updates, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var batch = new List<MessageUpdatedDto>(count);
        while (batch.Count < count)
        {
            batch.Add(await updates.Reader.ReadAsync(timeout.Token));
        }
        return batch;
    }
}
