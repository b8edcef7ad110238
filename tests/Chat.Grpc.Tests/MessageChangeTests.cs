using Chat.Grpc.Tests.Support;
using Chat.Grpc.V1;
using Chat.Testing;
using Grpc.Core;

namespace Chat.Grpc.Tests;

/// <summary>
/// Edits, deletions, reactions and replies on gRPC against the real system, and an integration that was offline during
/// changes catching up with <c>Subscribe</c>'s <c>after_change</c>, then following them live.
/// </summary>
[Collection(GrpcClusterCollection.Name)]
public sealed class MessageChangeTests(GrpcCluster grpc)
{
    [Fact]
    public async Task AnIntegrationThatWasOfflineReplaysChangesAfterItsLastChangeSeqThenFollowsThemLive()
    {
        var alice = await grpc.NewUserAsync();
        var bob = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(alice);
        var first = await grpc.SendAsync(alice, roomId, "first");
        var second = await grpc.SendAsync(alice, roomId, "second");
        await grpc.Chat.EditMessageAsync(new EditMessageRequest { RoomId = roomId, Seq = first.Seq, Content = "first, edited" }, GrpcCluster.Auth(alice));
        await grpc.Chat.AddReactionAsync(new ReactionRequest { RoomId = roomId, Seq = second.Seq, Emoji = "🎉" }, GrpcCluster.Auth(bob));
        await grpc.Chat.DeleteMessageAsync(new DeleteMessageRequest { RoomId = roomId, Seq = first.Seq }, GrpcCluster.Auth(alice));

        var request = new SubscribeRequest { RoomIds = { roomId }, AfterSeq = { [roomId] = 2 }, AfterChange = { [roomId] = 1 } };
        using var stream = new EventStream(grpc.Chat.Subscribe(request, GrpcCluster.Auth(bob)));
        var replayed = new[] { await stream.NextAsync(), await stream.NextAsync() };
        var live = await grpc.Chat.EditMessageAsync(new EditMessageRequest { RoomId = roomId, Seq = second.Seq, Content = "second, edited" }, GrpcCluster.Auth(alice));
        var next = await stream.NextAsync();

        Assert.All(replayed, e => Assert.Equal(ChatEvent.EventOneofCase.MessageUpdated, e.EventCase));
        Assert.Equal([2, 3], replayed.Select(e => e.MessageUpdated.ChangeSeq));
        Assert.Equal("🎉", replayed[0].MessageUpdated.Message.Reactions.Single().Emoji);
        Assert.Equal(bob.Id, replayed[0].MessageUpdated.Message.Reactions.Single().UserIds.Single());
        Assert.True(replayed[1].MessageUpdated.Message.Deleted);
        Assert.Equal("", replayed[1].MessageUpdated.Message.Content);
        Assert.Equal((4, live.Message), (next.MessageUpdated.ChangeSeq, next.MessageUpdated.Message));
        Assert.True(live.Message.EditedAt > 0);
    }

    [Fact]
    public async Task GetChangesPagesTheFeedAndRefusalsHaveTheirStatusCodes()
    {
        var alice = await grpc.NewUserAsync();
        var bob = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(alice);
        var message = await grpc.SendAsync(alice, roomId, "mine");
        var reply = (await grpc.Chat.SendMessageAsync(
            new SendMessageRequest { RoomId = roomId, Content = "a reply", ReplyToSeq = message.Seq }, GrpcCluster.Auth(bob))).Message;
        await grpc.Chat.AddReactionAsync(new ReactionRequest { RoomId = roomId, Seq = message.Seq, Emoji = "👍" }, GrpcCluster.Auth(bob));
        await grpc.Chat.RemoveReactionAsync(new ReactionRequest { RoomId = roomId, Seq = message.Seq, Emoji = "👍" }, GrpcCluster.Auth(bob));

        var page = await grpc.Chat.GetChangesAsync(new GetChangesRequest { RoomId = roomId, AfterChange = 1 }, GrpcCluster.Auth(bob));

        Assert.Equal((message.Seq, "mine"), (reply.ReplyTo.Seq, reply.ReplyTo.Excerpt));
        Assert.Equal(2, page.LastChangeSeq);
        Assert.Empty(Assert.Single(page.Changes).Message.Reactions);
        await AssertStatusAsync(StatusCode.PermissionDenied, () => grpc.Chat.EditMessageAsync(
            new EditMessageRequest { RoomId = roomId, Seq = message.Seq, Content = "bob was here" }, GrpcCluster.Auth(bob)).ResponseAsync);
        await AssertStatusAsync(StatusCode.NotFound, () => grpc.Chat.DeleteMessageAsync(
            new DeleteMessageRequest { RoomId = roomId, Seq = 99 }, GrpcCluster.Auth(alice)).ResponseAsync);
        await AssertStatusAsync(StatusCode.InvalidArgument, () => grpc.Chat.AddReactionAsync(
            new ReactionRequest { RoomId = roomId, Seq = message.Seq, Emoji = "" }, GrpcCluster.Auth(alice)).ResponseAsync);
        await AssertStatusAsync(StatusCode.InvalidArgument, () => grpc.Chat.SubscribeAsyncFirst(
            new SubscribeRequest { RoomIds = { roomId }, AfterChange = { ["elsewhere"] = 0 } }, GrpcCluster.Auth(alice)));
    }

    private static async Task AssertStatusAsync(StatusCode expected, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(expected, error.StatusCode);
    }
}

internal static class SubscribeCalls
{
    /// <summary>Opens a Subscribe call and reads its first event (or its refusal).</summary>
    public static async Task SubscribeAsyncFirst(this ChatService.ChatServiceClient chat, SubscribeRequest request, Metadata headers)
    {
        using var call = chat.Subscribe(request, headers);
        await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(Wait.Timeout);
    }
}
