using System.Net.WebSockets;
using System.Text.Json;
using Chat.Gateway.Tests.Support;
using Chat.Testing;

namespace Chat.Gateway.Tests.Transports;

/// <summary>The raw WebSocket's JSON frames: replies echo requestId; a bad frame gets an error frame and the socket stays open.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class WebSocketProtocolTests(ChatCluster cluster)
{
    [Theory]
    [InlineData("this is not json")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"roomId\": \"general\"}")]
    [InlineData("{\"type\": \"join_room\", \"roomId\": 42}")]
    public async Task AMalformedFrameGetsAnErrorFrameAndTheSocketStaysOpen(string frame)
    {
        var user = await cluster.RegisterUserAsync("ws");
        await using var socket = await WsClient.ConnectAsync(cluster, user);

        await socket.SendRawAsync(frame);
        var error = await socket.ExpectTypeAsync("error");
        var pong = await socket.RequestAsync("ping");

        Assert.Equal("bad_request", error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal("pong", pong.GetProperty("type").GetString());
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task AnUnknownFrameTypeIsRefusedWithItsRequestIdAndType()
    {
        var user = await cluster.RegisterUserAsync("ws");
        await using var socket = await WsClient.ConnectAsync(cluster, user);

        var error = await socket.RequestAsync("teleport", new { roomId = "general" });

        Assert.Equal<(string?, string?, string?)>(("error", "bad_request", "teleport"),
            (error.GetProperty("type").GetString(), error.GetProperty("code").GetString(), error.GetProperty("requestType").GetString()));
    }

    [Fact]
    public async Task AnOversizedFrameIsRefusedAndTheSocketStaysOpen()
    {
        var user = await cluster.RegisterUserAsync("ws");
        await using var socket = await WsClient.ConnectAsync(cluster, user);

        await socket.SendRawAsync(JsonSerializer.Serialize(new { type = "send_message", roomId = "general", content = new string('x', 100_000) }));
        var error = await socket.ExpectTypeAsync("error");
        var pong = await socket.RequestAsync("ping");

        Assert.Equal("bad_request", error.GetProperty("code").GetString());
        Assert.Equal("pong", pong.GetProperty("type").GetString());
    }

    [Fact]
    public async Task EveryRequestIsAnsweredWithItsRequestId()
    {
        var user = await cluster.RegisterUserAsync("ws");
        await using var socket = await WsClient.ConnectAsync(cluster, user);
        var roomId = await TestRooms.CreateAsync(cluster, user);

        var joined = await socket.RequestAsync("join_room", new { roomId });
        var sent = await socket.RequestAsync("send_message", new { roomId, content = "first" });
        var messages = await socket.RequestAsync("get_messages", new { roomId, afterSeq = 0, limit = 10 });
        var online = await socket.RequestAsync("get_online_users", new { roomId });
        var left = await socket.RequestAsync("leave_room", new { roomId });
        var missing = await socket.RequestAsync("get_messages", new { roomId = "no-such-room" });

        Assert.Equal<(string?, string?, long)>(("joined", roomId, 0L), (joined.GetProperty("type").GetString(), joined.GetProperty("roomId").GetString(), joined.GetProperty("lastSeq").GetInt64()));
        Assert.Equal(roomId, joined.GetProperty("room").GetProperty("id").GetString());
        Assert.Equal(1L, sent.GetProperty("message").GetProperty("seq").GetInt64());
        Assert.Equal(["first"], messages.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()));
        Assert.Equal([user.Id], online.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("userId").GetString()));
        Assert.Equal("left", left.GetProperty("type").GetString());
        Assert.Equal<(string?, string?, string?)>(("error", "not_found", "get_messages"),
            (missing.GetProperty("type").GetString(), missing.GetProperty("code").GetString(), missing.GetProperty("requestType").GetString()));
    }
}
