using Chat.Contracts;
using Chat.Gateway.Tests.Support;
using Chat.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Gateway.Tests.Search;

/// <summary>Search on the hub (<c>SearchMessages</c>) and the raw WebSocket (<c>search_messages</c>): the same answers and refusals as REST.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class SearchTransportTests(ChatCluster cluster)
{
    [Fact]
    public async Task TheHubAndTheWebSocketFindWhatRestFinds()
    {
        var user = await cluster.RegisterUserAsync("transport");
        var roomId = await TestRooms.CreateAsync(cluster, user);
        var word = SearchTests.Word();
        var older = await TestRooms.SendAsync(cluster, user, roomId, $"{word} 搜索引擎 one");
        var newer = await TestRooms.SendAsync(cluster, user, roomId, $"{word} 搜索引擎 two");
        await using var hub = await HubClient.ConnectAsync(cluster, user);
        await using var socket = await WsClient.ConnectAsync(cluster, user);

        var byHub = await hub.Connection.InvokeAsync<SearchResultsDto>("SearchMessages", $"{word} 搜索", null, 1, null, null);
        var nextByHub = await hub.Connection.InvokeAsync<SearchResultsDto>("SearchMessages", $"{word} 搜索", null, 1, null, byHub.NextCursor);
        var byWs = await socket.RequestAsync("search_messages", new { q = $"{word} 引擎", roomId });

        Assert.Equal([newer.GetProperty("id").GetString()], byHub.Results.Select(m => m.Id));
        Assert.NotNull(byHub.NextCursor);
        Assert.Equal([older.GetProperty("id").GetString()], nextByHub.Results.Select(m => m.Id));
        Assert.Equal("search_results", byWs.GetProperty("type").GetString());
        Assert.Equal([newer.GetProperty("seq").GetInt64(), older.GetProperty("seq").GetInt64()],
            byWs.GetProperty("results").EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task AnOverlongQueryIsRefusedOnTheHubAndTheWebSocketWithoutClosingThem()
    {
        var user = await cluster.RegisterUserAsync("overlong");
        await using var hub = await HubClient.ConnectAsync(cluster, user);
        await using var socket = await WsClient.ConnectAsync(cluster, user);
        var query = new string('x', 10_000);

        var hubError = await Assert.ThrowsAsync<HubException>(() =>
            hub.Connection.InvokeAsync<SearchResultsDto>("SearchMessages", query, null, null, null, null));
        var wsError = await socket.RequestAsync("search_messages", new { q = query });
        var stillServed = await socket.RequestAsync("ping");

        Assert.Contains("bad_request", hubError.Message);
        Assert.Equal(("error", "bad_request"), (wsError.GetProperty("type").GetString(), wsError.GetProperty("code").GetString()));
        Assert.Contains("at most 256 characters", wsError.GetProperty("message").GetString());
        Assert.Equal("pong", stillServed.GetProperty("type").GetString());
    }
}
