using Chat.Grpc.Tests.Support;
using Chat.Grpc.V1;
using Grpc.Core;

namespace Chat.Grpc.Tests;

/// <summary>Membership, read state, DMs and administration over gRPC, and the caller's user events as a stream.</summary>
[Collection(GrpcClusterCollection.Name)]
public sealed class ConversationTests(GrpcCluster grpc)
{
    [Fact]
    public async Task ListMyRoomsCountsUnreadAndMarkReadMovesOnlyForward()
    {
        var owner = await grpc.NewUserAsync();
        var reader = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(owner);
        var joined = await grpc.Chat.JoinRoomAsync(new RoomIdRequest { RoomId = roomId }, GrpcCluster.Auth(reader));
        await grpc.SendAsync(owner, roomId, "one");
        var mention = await grpc.SendAsync(owner, roomId, $"two @{reader.Username}");

        var before = (await grpc.Chat.ListMyRoomsAsync(new ListMyRoomsRequest(), GrpcCluster.Auth(reader))).Rooms.Single(r => r.Room.Id == roomId);
        var read = await grpc.Chat.MarkReadAsync(new MarkReadRequest { RoomId = roomId, Seq = 1 }, GrpcCluster.Auth(reader));
        var back = await grpc.Chat.MarkReadAsync(new MarkReadRequest { RoomId = roomId, Seq = 0 }, GrpcCluster.Auth(reader));
        var beyond = await Assert.ThrowsAsync<RpcException>(() => grpc.Chat.MarkReadAsync(new MarkReadRequest { RoomId = roomId, Seq = 3 }, GrpcCluster.Auth(reader)).ResponseAsync);

        Assert.Equal(("public", owner.Id, 2), (joined.Room.Kind, joined.Room.OwnerId, joined.Room.MemberCount));
        Assert.Equal([reader.Id], mention.Mentions);
        Assert.Equal((2L, 0L, 2L, 1), (before.LastSeq, before.LastReadSeq, before.UnreadCount, before.MentionCount));
        Assert.Equal(1, read.Read.LastReadSeq);
        Assert.Equal(1, back.Read.LastReadSeq);
        Assert.Equal(StatusCode.InvalidArgument, beyond.StatusCode);
    }

    [Fact]
    public async Task SubscribeUserEventsStreamsTheCallersEventsWithoutAnyRoom()
    {
        var ann = await grpc.NewUserAsync();
        var bob = await grpc.NewUserAsync();
        using var events = new EventStream(grpc.Chat.SubscribeUserEvents(new SubscribeUserEventsRequest(), GrpcCluster.Auth(bob)));
        await events.ReadyAsync();

        var dm = await grpc.Chat.OpenDmAsync(new OpenDmRequest { Username = bob.Username }, GrpcCluster.Auth(ann));
        var added = await events.NextAsync();
        await grpc.SendAsync(ann, dm.Room.Id, "hello bob");
        await grpc.Chat.MarkReadAsync(new MarkReadRequest { RoomId = dm.Room.Id, Seq = 1 }, GrpcCluster.Auth(bob));
        var read = await events.NextAsync();

        Assert.Equal("dm", dm.Room.Kind);
        Assert.Equal(ChatEvent.EventOneofCase.RoomAdded, added.EventCase);
        Assert.Equal(dm.Room.Id, added.RoomAdded.Room.Id);
        Assert.Equal(ChatEvent.EventOneofCase.ReadUpdated, read.EventCase);
        Assert.Equal((dm.Room.Id, 1L), (read.ReadUpdated.RoomId, read.ReadUpdated.LastReadSeq));
    }

    [Fact]
    public async Task AdministrationRefusalsHaveTheirStatusAndChangeNothing()
    {
        var owner = await grpc.NewUserAsync();
        var other = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(owner);
        await grpc.Chat.JoinRoomAsync(new RoomIdRequest { RoomId = roomId }, GrpcCluster.Auth(other));

        var rename = await Assert.ThrowsAsync<RpcException>(() => grpc.Chat.UpdateRoomAsync(new UpdateRoomRequest { RoomId = roomId, Name = "Taken over" }, GrpcCluster.Auth(other)).ResponseAsync);
        var removeOwner = await Assert.ThrowsAsync<RpcException>(() => grpc.Chat.RemoveMemberAsync(new RemoveMemberRequest { RoomId = roomId, UserId = owner.Id }, GrpcCluster.Auth(owner)).ResponseAsync);
        var self = await Assert.ThrowsAsync<RpcException>(() => grpc.Chat.OpenDmAsync(new OpenDmRequest { Username = owner.Username }, GrpcCluster.Auth(owner)).ResponseAsync);
        var renamed = await grpc.Chat.UpdateRoomAsync(new UpdateRoomRequest { RoomId = roomId, Description = "Only the description" }, GrpcCluster.Auth(owner));
        await grpc.Chat.DeleteRoomAsync(new RoomIdRequest { RoomId = roomId }, GrpcCluster.Auth(owner));
        var gone = await Assert.ThrowsAsync<RpcException>(() => grpc.Chat.JoinRoomAsync(new RoomIdRequest { RoomId = roomId }, GrpcCluster.Auth(other)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, rename.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, removeOwner.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, self.StatusCode);
        Assert.Equal(("Test room", "Only the description"), (renamed.Room.Name, renamed.Room.Description));
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
    }
}
