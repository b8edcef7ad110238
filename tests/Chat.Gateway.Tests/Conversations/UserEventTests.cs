using System.Net.Http.Json;
using Chat.Contracts;
using Chat.Gateway.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using static Chat.Gateway.Tests.Conversations.Conversation;

namespace Chat.Gateway.Tests.Conversations;

/// <summary>
/// User events reach every live connection of the user (SignalR and raw WebSocket, on any gateway) without any room
/// joined; a removed member's connections stop receiving the room at once.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class UserEventTests(ChatCluster cluster)
{
    [Fact]
    public async Task AReadOnOneDeviceIsPushedToTheUsersOtherConnections()
    {
        var owner = await cluster.RegisterUserAsync("owner");
        var reader = await cluster.RegisterUserAsync("reader");
        var roomId = await TestRooms.CreateAsync(cluster, owner);
        using var http = cluster.CreateClient(reader);
        await JoinAsync(http, roomId);
        await TestRooms.SendAsync(cluster, owner, roomId, "one");
        await TestRooms.SendAsync(cluster, owner, roomId, "two");
        await using var phone = await HubClient.ConnectAsync(cluster, reader);
        var phoneEvents = new UserEventRecorder(phone.Connection);
        await using var laptop = await WsClient.ConnectAsync(cluster, reader);
        await laptop.RequestAsync("ping"); // answered once the socket is registered (and so receives user events)

        var read = await phone.Connection.InvokeAsync<ReadUpdatedDto>("MarkRead", roomId, 2L);

        var pushed = await phoneEvents.NextAsync<ReadUpdatedDto>("ReadUpdated");
        var frame = await laptop.ExpectTypeAsync("read_updated");
        Assert.Equal(2, read.LastReadSeq);
        Assert.Equal((roomId, 2L), (pushed.RoomId, pushed.LastReadSeq));
        Assert.Equal(roomId, frame.GetProperty("roomId").GetString());
        Assert.Equal(2, frame.GetProperty("lastReadSeq").GetInt64());
        Assert.Equal(0, (await MyRoomAsync(http, roomId))!.Value.GetProperty("unreadCount").GetInt64());
    }

    [Fact]
    public async Task OpeningADmIsPushedToTheOtherUserOnAnotherGateway()
    {
        var ann = await cluster.RegisterUserAsync("ann");
        var bob = await cluster.RegisterUserAsync("bob");
        var second = await cluster.StartGatewayAsync();
        await using var bobHub = await HubClient.ConnectAsync(second.HttpBaseAddress, bob);
        var bobEvents = new UserEventRecorder(bobHub.Connection);
        await using var bobSocket = await WsClient.ConnectAsync(second.HttpBaseAddress, bob);
        await bobSocket.RequestAsync("ping");
        await bobHub.Connection.InvokeAsync<MyRoomDto[]>("GetMyRooms"); // served only after the connection is registered
        using var annHttp = cluster.CreateClient(ann);

        var room = await OpenDmAsync(annHttp, bob.Username);

        var added = await bobEvents.NextAsync<RoomChangedDto>("RoomAdded");
        var frame = await bobSocket.ExpectTypeAsync("room_added");
        Assert.Equal(room.GetProperty("id").GetString(), added.Room.Id);
        Assert.Equal("dm", added.Room.Kind);
        Assert.Equal(room.GetProperty("id").GetString(), frame.GetProperty("room").GetProperty("id").GetString());
    }

    [Fact]
    public async Task ARemovedMemberStopsReceivingTheRoomAtOnceAndHearsRoomRemoved()
    {
        var owner = await cluster.RegisterUserAsync("owner");
        var member = await cluster.RegisterUserAsync("member");
        var roomId = await TestRooms.CreateAsync(cluster, owner, isPublic: false);
        var fenceRoomId = await TestRooms.CreateAsync(cluster, owner);
        using var ownerHttp = cluster.CreateClient(owner);
        using var added = await ownerHttp.PostAsJsonAsync($"/chat/rooms/{roomId}/members", new { username = member.Username });
        await using var memberHub = await HubClient.ConnectAsync(cluster, member);
        var memberEvents = new UserEventRecorder(memberHub.Connection);
        await using var memberSocket = await WsClient.ConnectAsync(cluster, member);
        await using var ownerHub = await HubClient.ConnectAsync(cluster, owner);
        await memberHub.JoinAsync(roomId);
        await memberHub.JoinAsync(fenceRoomId);
        await memberSocket.RequestAsync("join_room", new { roomId });
        await memberSocket.RequestAsync("join_room", new { roomId = fenceRoomId });
        await ownerHub.JoinAsync(roomId);

        using var removed = await ownerHttp.DeleteAsync($"/chat/rooms/{roomId}/members/{member.Id}");
        await TestRooms.SendAsync(cluster, owner, roomId, "members only");
        await TestRooms.SendAsync(cluster, owner, fenceRoomId, "fence");

        await AssertOkAsync(removed);
        Assert.Equal(roomId, (await memberEvents.NextAsync<RoomRemovedDto>("RoomRemoved")).RoomId);
        Assert.Equal(roomId, (await memberSocket.ExpectTypeAsync("room_removed")).GetProperty("roomId").GetString());
        // Pushes arrive in order per room and the fence was sent last: the removed room's message never came.
        Assert.Equal("fence", (await memberHub.NextMessageAsync()).Content);
        Assert.Equal("fence", (await memberSocket.ExpectTypeAsync("new_message")).GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("members only", (await ownerHub.NextMessageAsync()).Content);
        var rejoin = await memberSocket.RequestAsync("join_room", new { roomId });
        Assert.Equal("not_found", rejoin.GetProperty("code").GetString());
    }

    [Fact]
    public async Task MembershipCommandsWorkOverTheRawWebSocket()
    {
        var owner = await cluster.RegisterUserAsync("owner");
        var member = await cluster.RegisterUserAsync("member");
        var roomId = await TestRooms.CreateAsync(cluster, owner);
        await using var socket = await WsClient.ConnectAsync(cluster, member);

        var joined = await socket.RequestAsync("join_membership", new { roomId });
        var pushed = await socket.ExpectTypeAsync("room_added");
        var rooms = await socket.RequestAsync("get_my_rooms");
        var beyond = await socket.RequestAsync("mark_read", new { roomId, seq = 5 });
        var self = await socket.RequestAsync("open_dm", new { username = member.Username });
        var left = await socket.RequestAsync("leave_membership", new { roomId });

        Assert.Equal("room_joined", joined.GetProperty("type").GetString());
        Assert.Equal(roomId, pushed.GetProperty("room").GetProperty("id").GetString());
        Assert.Contains(roomId, rooms.GetProperty("rooms").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("bad_request", beyond.GetProperty("code").GetString());
        Assert.Equal("bad_request", self.GetProperty("code").GetString());
        Assert.Equal("room_left", left.GetProperty("type").GetString());
        Assert.Equal(roomId, (await socket.ExpectTypeAsync("room_removed")).GetProperty("roomId").GetString());
    }
}
