using System.Text.Json;
using Chat.Gateway.WebSockets;
using Chat.Messages;
using Chat.Rooms;

namespace Chat.Gateway.Tests.Unit;

/// <summary>The raw WebSocket's frames as bytes on the wire.</summary>
public sealed class FrameTests
{
    [Fact]
    public void APushedMessageIsTaggedFirstAndLeavesOutWhatIsAbsent()
    {
        var message = new ChatMessage("room:7", "room", 7, "u1", "ann", "hi", MessageTypes.Text, 1_700_000_000_000, null);

        var json = JsonSerializer.Deserialize<JsonElement>(WebSocketTransport.Serialize(
            new RoomEvent(RoomEventKind.NewMessage, "room", message, null, "origin", Guid.NewGuid())));

        Assert.Equal("type", json.EnumerateObject().First().Name);
        Assert.Equal("new_message", json.GetProperty("type").GetString());
        var pushed = json.GetProperty("message");
        Assert.Equal<(string?, long, long)>(("room:7", 7L, 1_700_000_000_000L), (pushed.GetProperty("id").GetString(), pushed.GetProperty("seq").GetInt64(), pushed.GetProperty("createdAt").GetInt64()));
        Assert.False(pushed.TryGetProperty("clientMessageId", out _));
        Assert.False(json.TryGetProperty("requestId", out _));
    }

    [Theory]
    [InlineData(RoomEventKind.UserJoined, "user_joined")]
    [InlineData(RoomEventKind.UserLeft, "user_left")]
    public void APresenceChangeCarriesTheRoomAndTheUser(RoomEventKind kind, string type)
    {
        var json = JsonSerializer.Deserialize<JsonElement>(WebSocketTransport.Serialize(
            new RoomEvent(kind, "room", null, new OnlineUser("u1", "ann"), null, Guid.NewGuid())));

        Assert.Equal<(string?, string?, string?, string?)>((type, "room", "u1", "ann"),
            (json.GetProperty("type").GetString(), json.GetProperty("roomId").GetString(), json.GetProperty("userId").GetString(), json.GetProperty("username").GetString()));
    }

    [Fact]
    public void AnErrorNamesItsCodeAndTheRefusedRequest()
    {
        var json = JsonSerializer.Deserialize<JsonElement>(FrameHandler.Error("r1", "send_message", Chat.Errors.ChatErrorCode.RateLimited, "slow down"));

        Assert.Equal<(string?, string?, string?, string?, string?)>(("error", "r1", "rate_limited", "slow down", "send_message"),
            (json.GetProperty("type").GetString(), json.GetProperty("requestId").GetString(), json.GetProperty("code").GetString(),
             json.GetProperty("message").GetString(), json.GetProperty("requestType").GetString()));
    }
}
