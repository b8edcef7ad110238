using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Gateway.Tests.Support;
using Chat.Testing;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Gateway.Tests.Transports;

/// <summary>The same limits on every transport, and a refused message is never stored.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class LimitTests(ChatCluster cluster)
{
    [Fact]
    public async Task A4001CharacterMessageIsRefusedOnEveryTransportAnd4000IsAccepted()
    {
        var user = await cluster.RegisterUserAsync("limits");
        var roomId = await TestRooms.CreateAsync(cluster, user);
        var tooLong = new string('a', 4001);
        using var http = cluster.CreateClient(user);
        await using var hub = await HubClient.ConnectAsync(cluster, user);
        await using var socket = await WsClient.ConnectAsync(cluster, user);

        using var rest = await http.PostAsJsonAsync("/chat/messages", new { roomId, content = tooLong });
        var hubError = await Assert.ThrowsAsync<HubException>(() => hub.SendAsync(roomId, tooLong));
        var wsError = await socket.RequestAsync("send_message", new { roomId, content = tooLong });
        var accepted = await hub.SendAsync(roomId, new string('b', 4000));

        await RestContractTests.AssertProblemAsync(rest, HttpStatusCode.BadRequest);
        Assert.Contains("HubException: bad_request:", hubError.Message);
        Assert.Equal<(string?, string?)>(("error", "bad_request"), (wsError.GetProperty("type").GetString(), wsError.GetProperty("code").GetString()));
        Assert.Equal(1, accepted.Seq);
        Assert.Equal(new long[] { 1L }, await StoredSeqsAsync(http, roomId));
    }

    [Fact]
    public async Task AFloodIsRateLimitedOnEveryTransportAndNothingRefusedIsStored()
    {
        var user = await cluster.RegisterUserAsync("flood");
        var roomId = await TestRooms.CreateAsync(cluster, user);
        using var http = cluster.CreateClient(user);
        await using var hub = await HubClient.ConnectAsync(cluster, user, messagePack: true);
        await using var socket = await WsClient.ConnectAsync(cluster, user);
        var stored = 0;

        HttpResponseMessage? limited = null;
        for (var i = 0; i < 200 && limited is null; i++)
        {
            var response = await http.PostAsJsonAsync("/chat/messages", new { roomId, content = $"rest {i}" });
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                stored++;
            }
        }
        string? hubRefusal = null;
        for (var i = 0; i < 200 && hubRefusal is null; i++)
        {
            try
            {
                await hub.SendAsync(roomId, $"hub {i}");
                stored++;
            }
            catch (HubException exception)
            {
                hubRefusal = exception.Message;
            }
        }
        JsonElement? wsRefusal = null;
        for (var i = 0; i < 200 && wsRefusal is null; i++)
        {
            var reply = await socket.RequestAsync("send_message", new { roomId, content = $"ws {i}" });
            if (reply.GetProperty("type").GetString() == "error")
            {
                wsRefusal = reply;
            }
            else
            {
                stored++;
            }
        }

        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
        await RestContractTests.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Contains("HubException: rate_limited:", hubRefusal);
        Assert.Equal("rate_limited", wsRefusal?.GetProperty("code").GetString());
        Assert.Equal(Enumerable.Range(1, stored).Select(i => (long)i), await StoredSeqsAsync(http, roomId));
    }

    private static async Task<long[]> StoredSeqsAsync(HttpClient http, string roomId)
    {
        var body = await http.GetFromJsonAsync<JsonElement>($"/chat/rooms/{roomId}/messages?limit=200");
        return [.. body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("seq").GetInt64())];
    }
}
