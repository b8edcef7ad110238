using System.Threading.Channels;
using Chat.Client.Delivery;
using Chat.Client.Tests.Fakes;
using Chat.Contracts;

namespace Chat.Client.Tests;

/// <summary>The ordering rules of one room's changes: each changeSeq once, in order, what was missed read from the change feed.</summary>
public sealed class ChangeStreamTests
{
    private const string RoomId = "general";

    [Fact]
    public async Task ALiveGapIsReadFromTheFeedAtOnceWithoutTheMessagesGapDelay()
    {
        var server = Server(messages: 2);
        server.Edit(RoomId, 1, "one, edited");
        var second = server.Edit(RoomId, 2, "two, edited");
        var applied = Channel.CreateUnbounded<MessageUpdatedDto>();
        await using var stream = Stream(server, applied, gapFillDelay: TimeSpan.FromHours(1));
        stream.Joined(0);

        stream.Offer(new MessageUpdatedDto(RoomId, second, server.History(RoomId)[1])); // change 1 was lost in transit

        Assert.Equal([1L, 2], (await NextAsync(applied, 2)).Select(u => u.ChangeSeq));
    }

    [Fact]
    public async Task AFeedReadThatFailsWithAnUnexpectedErrorIsRetriedUntilTheChangesAreApplied()
    {
        // Right after a store or server restart a read can fail with an internal error, or be throttled. If the stream gave
        // up, the changes would wait for the next join, and with no further edits they never arrive.
        var server = Server(messages: 2);
        server.Edit(RoomId, 1, "one, edited");
        server.Edit(RoomId, 2, "two, edited");
        server.Faults.Enqueue(("GetChanges", new ChatClientException(ChatError.Internal, "internal: stale connection")));
        server.Faults.Enqueue(("GetChanges", new ChatClientException(ChatError.RateLimited, "rate_limited: too many reads")));
        var applied = Channel.CreateUnbounded<MessageUpdatedDto>();
        await using var stream = Stream(server, applied, resumeAfter: 0);

        stream.Joined(2);

        var changes = await NextAsync(applied, 2);
        Assert.Equal([1L, 2], changes.Select(u => u.ChangeSeq));
        Assert.Equal("two, edited", changes[1].Message.Content);
        Assert.Empty(server.Faults);
    }

    [Fact]
    public async Task AReadTheRoomRefusesIsNotRetriedAndFailsTheCatchUp()
    {
        var server = Server(messages: 1);
        server.Edit(RoomId, 1, "edited");
        server.Faults.Enqueue(("GetChanges", new ChatClientException(ChatError.Forbidden, "forbidden: not a member")));
        var applied = Channel.CreateUnbounded<MessageUpdatedDto>();
        await using var stream = Stream(server, applied, resumeAfter: 0);
        stream.Joined(0);

        var refused = await Assert.ThrowsAsync<ChatClientException>(() => stream.CatchUpAsync(CancellationToken.None));

        Assert.Equal(ChatError.Forbidden, refused.Error);
        await stream.CatchUpAsync(CancellationToken.None);
        Assert.Equal(1, (await NextAsync(applied, 1))[0].ChangeSeq);
    }

    private static FakeChatServer Server(int messages)
    {
        var server = new FakeChatServer(RoomId);
        for (var i = 1; i <= messages; i++)
        {
            server.Post(RoomId, "bob", $"message {i}");
        }
        return server;
    }

    private static ChangeStream Stream(FakeChatServer server, Channel<MessageUpdatedDto> applied, TimeSpan? gapFillDelay = null, long? resumeAfter = null) =>
        new(RoomId, resumeAfter, Reader(server), update => applied.Writer.TryWrite(update), new ChatClientOptions
        {
            Endpoints = [new Uri("http://gateway-a/")],
            GapFillDelay = gapFillDelay ?? TimeSpan.FromMilliseconds(50),
            InitialReconnectDelay = TimeSpan.FromMilliseconds(20),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(100),
        });

    private static ChangeReader Reader(FakeChatServer server) => (roomId, afterChange, limit, _) =>
    {
        try
        {
            server.ThrowIfFaulted("GetChanges");
            return Task.FromResult(server.ReadChanges(roomId, afterChange, limit));
        }
        catch (Exception exception)
        {
            return Task.FromException<ChangesDto>(exception);
        }
    };

    private static async Task<List<MessageUpdatedDto>> NextAsync(Channel<MessageUpdatedDto> applied, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var updates = new List<MessageUpdatedDto>();
        while (updates.Count < count)
        {
            updates.Add(await applied.Reader.ReadAsync(deadline.Token));
        }
        return updates;
    }
}
