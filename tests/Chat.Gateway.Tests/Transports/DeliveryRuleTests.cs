using Chat.Gateway.Tests.Support;
using Chat.Testing;

namespace Chat.Gateway.Tests.Transports;

/// <summary>
/// docs/PROTOCOL.md's delivery rule across SignalR (JSON and MessagePack) and the raw WebSocket: every joined connection
/// receives a message once, except the one connection that sent it. Absence is shown with a fence: live pushes of a
/// room arrive in seq order, so a connection whose next push is a later message did not get the earlier one.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class DeliveryRuleTests(ChatCluster cluster)
{
    [Fact]
    public async Task AHubMessageReachesEveryOtherConnectionOnceAndSkipsOnlyTheSendingOne()
    {
        var alice = await cluster.RegisterUserAsync("alice");
        var bob = await cluster.RegisterUserAsync("bob");
        var roomId = await TestRooms.CreateAsync(cluster, alice);
        await using var aliceJson = await HubClient.ConnectAsync(cluster, alice);
        await using var aliceMsgPack = await HubClient.ConnectAsync(cluster, alice, messagePack: true);
        await using var aliceSocket = await WsClient.ConnectAsync(cluster, alice);
        await using var bobMsgPack = await HubClient.ConnectAsync(cluster, bob, messagePack: true);
        await using var bobSocket = await WsClient.ConnectAsync(cluster, bob);
        foreach (var hub in new[] { aliceJson, aliceMsgPack, bobMsgPack })
        {
            await hub.JoinAsync(roomId);
        }
        await aliceSocket.RequestAsync("join_room", new { roomId });
        await bobSocket.RequestAsync("join_room", new { roomId });

        var sent = await aliceJson.SendAsync(roomId, "hello from tab one");
        var fence = await TestRooms.SendAsync(cluster, bob, roomId, "fence");

        Assert.Equal("hello from tab one", sent.Content);
        Assert.Equal(alice.Id, sent.UserId);
        foreach (var hub in new[] { aliceMsgPack, bobMsgPack })
        {
            Assert.Equal(sent.Id, (await hub.NextMessageAsync()).Id);
            Assert.Equal("fence", (await hub.NextMessageAsync()).Content);
        }
        foreach (var socket in new[] { aliceSocket, bobSocket })
        {
            var pushed = await socket.ExpectTypeAsync("new_message");
            Assert.Equal(sent.Id, pushed.GetProperty("message").GetProperty("id").GetString());
            Assert.Equal("fence", (await socket.ExpectTypeAsync("new_message")).GetProperty("message").GetProperty("content").GetString());
        }
        Assert.Equal("fence", (await aliceJson.NextMessageAsync()).Content);
        Assert.Equal(fence.GetProperty("seq").GetInt64(), sent.Seq + 1);
    }

    [Fact]
    public async Task AWebSocketSenderGetsItsAckButNotItsOwnMessageWhileItsOtherTabDoes()
    {
        var carol = await cluster.RegisterUserAsync("carol");
        var roomId = await TestRooms.CreateAsync(cluster, carol);
        await using var sender = await WsClient.ConnectAsync(cluster, carol);
        await using var otherTab = await HubClient.ConnectAsync(cluster, carol);
        await sender.RequestAsync("join_room", new { roomId });
        await otherTab.JoinAsync(roomId);

        var ack = await sender.RequestAsync("send_message", new { roomId, content = "typed in a socket", clientMessageId = "m-1" });
        await TestRooms.SendAsync(cluster, carol, roomId, "fence");

        Assert.Equal("message_sent", ack.GetProperty("type").GetString());
        var stored = ack.GetProperty("message");
        Assert.Equal("typed in a socket", stored.GetProperty("content").GetString());
        Assert.Equal("m-1", stored.GetProperty("clientMessageId").GetString());
        Assert.Equal(stored.GetProperty("id").GetString(), (await otherTab.NextMessageAsync()).Id);
        var firstPush = await sender.ExpectTypeAsync("new_message");
        Assert.Equal("fence", firstPush.GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task ALeftRoomIsNoLongerPushedAndOthersStillAre()
    {
        var dave = await cluster.RegisterUserAsync("dave");
        var roomId = await TestRooms.CreateAsync(cluster, dave);
        var otherRoomId = await TestRooms.CreateAsync(cluster, dave);
        await using var socket = await WsClient.ConnectAsync(cluster, dave);
        await socket.RequestAsync("join_room", new { roomId });
        await socket.RequestAsync("join_room", new { roomId = otherRoomId });

        var left = await socket.RequestAsync("leave_room", new { roomId });
        await TestRooms.SendAsync(cluster, dave, roomId, "after leaving");
        await TestRooms.SendAsync(cluster, dave, otherRoomId, "still here");

        Assert.Equal("left", left.GetProperty("type").GetString());
        var pushed = await socket.ExpectTypeAsync("new_message");
        Assert.Equal("still here", pushed.GetProperty("message").GetProperty("content").GetString());
    }
}
