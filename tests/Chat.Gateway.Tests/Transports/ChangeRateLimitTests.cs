using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Contracts;
using Chat.Gateway.Tests.Support;
using Chat.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Gateway.Tests.Transports;

/// <summary>Reactions, edits and deletions spend the same per-user budget as sends, on every transport.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class ChangeRateLimitTests(ChatCluster cluster)
{
    [Fact]
    public async Task AFloodOfReactionsEditsOrDeletesIsRateLimitedOnEveryTransportAndARefusedEditChangesNothing()
    {
        var user = await cluster.RegisterUserAsync("chflood");
        var roomId = await TestRooms.CreateAsync(cluster, user);
        using var http = cluster.CreateClient(user);
        await using var hub = await HubClient.ConnectAsync(cluster, user, messagePack: true);
        await using var socket = await WsClient.ConnectAsync(cluster, user);
        var message = await hub.SendAsync(roomId, "react to me");
        var other = await hub.SendAsync(roomId, "delete me");
        var reactions = $"/chat/rooms/{roomId}/messages/{message.Seq}/reactions/{Uri.EscapeDataString("👍")}";

        HttpResponseMessage? limited = null;
        for (var i = 0; i < 200 && limited is null; i++)
        {
            var response = i % 2 == 0 ? await http.PutAsync(reactions, null) : await http.DeleteAsync(reactions);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            }
        }
        string? hubRefusal = null;
        var lastEdit = message.Content;
        for (var i = 0; i < 200 && hubRefusal is null; i++)
        {
            try
            {
                lastEdit = (await hub.Connection.InvokeAsync<MessageDto>("EditMessage", roomId, message.Seq, $"edit {i}")).Content;
            }
            catch (HubException exception)
            {
                hubRefusal = exception.Message;
            }
        }
        JsonElement? wsRefusal = null;
        for (var i = 0; i < 200 && wsRefusal is null; i++)
        {
            var reply = await socket.RequestAsync("delete_message", new { roomId, seq = other.Seq });
            if (reply.GetProperty("type").GetString() == "error")
            {
                wsRefusal = reply;
            }
        }

        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
        await RestContractTests.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Contains("HubException: rate_limited:", hubRefusal);
        Assert.Equal("rate_limited", wsRefusal?.GetProperty("code").GetString());
        var stored = await http.GetFromJsonAsync<JsonElement>($"/chat/rooms/{roomId}/messages?limit=10");
        var first = stored.GetProperty("messages").EnumerateArray().First(m => m.GetProperty("seq").GetInt64() == message.Seq);
        Assert.Equal(lastEdit, first.GetProperty("content").GetString());
    }
}
