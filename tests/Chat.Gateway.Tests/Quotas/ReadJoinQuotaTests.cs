using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Chat.Gateway.Hubs;
using Chat.Gateway.Quotas;
using Chat.Gateway.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Gateway.Tests.Quotas;

/// <summary>
/// The per-user read and join quotas on REST, the hub and <c>/ws</c> (gRPC's share is in Chat.Grpc.Tests), each on a
/// gateway of the cluster started with <see cref="TinyQuotas"/>: the call after the burst is refused with
/// <c>rate_limited</c> before it reaches a grain (a refused read of an unknown room is not a 404), and another user
/// on the same gateway is not affected.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class ReadJoinQuotaTests(ChatCluster cluster)
{
    private const string UnknownRoom = "no-such-room-anywhere";

    [Fact]
    public async Task RestReadsBeyondTheQuotaAre429WithRetryAfterAndOtherUsersStillRead()
    {
        await using var gateway = await cluster.StartGatewayAsync(TinyQuotas.Apply);
        var (reader, bystander) = (await cluster.RegisterUserAsync("reader"), await cluster.RegisterUserAsync("other"));
        using var http = Client(gateway, reader);
        string[] reads = ["/chat/rooms/general/messages", "/users/me/rooms", "/chat/rooms/general/changes"];
        foreach (var path in reads.Take(TinyQuotas.Reads))
        {
            using var allowed = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await http.GetAsync($"/chat/rooms/{UnknownRoom}/messages");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("rate_limited", problem.GetProperty("code").GetString());
        using var other = Client(gateway, bystander);
        using var bystanderRead = await other.GetAsync("/chat/rooms/general/messages");
        Assert.Equal(HttpStatusCode.OK, bystanderRead.StatusCode);
    }

    [Fact]
    public async Task RestJoinsBeyondTheQuotaAre429()
    {
        await using var gateway = await cluster.StartGatewayAsync(TinyQuotas.Apply);
        var owner = await cluster.RegisterUserAsync("owner");
        var rooms = new List<string>();
        for (var i = 0; i <= TinyQuotas.Joins; i++)
        {
            rooms.Add(await TestRooms.CreateAsync(cluster, owner));
        }
        var joiner = await cluster.RegisterUserAsync("joiner");
        using var http = Client(gateway, joiner);
        foreach (var roomId in rooms.Take(TinyQuotas.Joins))
        {
            using var joined = await http.PostAsync($"/chat/rooms/{roomId}/join", null);
            Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        }

        using var refused = await http.PostAsync($"/chat/rooms/{rooms[^1]}/join", null);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        using var other = Client(gateway, await cluster.RegisterUserAsync("other"));
        using var otherJoin = await other.PostAsync($"/chat/rooms/{rooms[^1]}/join", null);
        Assert.Equal(HttpStatusCode.OK, otherJoin.StatusCode);
    }

    [Fact]
    public async Task HubReadsAndJoinsBeyondTheQuotaAreRateLimitedErrors()
    {
        await using var gateway = await cluster.StartGatewayAsync(TinyQuotas.Apply);
        var (user, bystander) = (await cluster.RegisterUserAsync("hub"), await cluster.RegisterUserAsync("other"));
        await using var hub = await HubClient.ConnectAsync(gateway.HttpBaseAddress, user);
        for (var i = 0; i < TinyQuotas.Reads; i++)
        {
            await hub.Connection.InvokeAsync<JsonElement>("GetMessages", "general", null, null, 10);
        }
        for (var i = 0; i < TinyQuotas.Joins; i++)
        {
            await hub.JoinAsync("general");
        }

        var read = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync<JsonElement>("GetMessages", UnknownRoom, null, null, 10));
        var join = await Assert.ThrowsAsync<HubException>(() => hub.JoinAsync(UnknownRoom));

        Assert.Contains("HubException: rate_limited: ", read.Message);
        Assert.Contains("HubException: rate_limited: ", join.Message);
        await using var other = await HubClient.ConnectAsync(gateway.HttpBaseAddress, bystander);
        Assert.Equal("general", (await other.JoinAsync("general")).Room.Id);
        await other.Connection.InvokeAsync<JsonElement>("GetMessages", "general", null, null, 10);
    }

    [Fact]
    public async Task WebSocketReadsAndJoinsBeyondTheQuotaAreRateLimitedErrorFrames()
    {
        await using var gateway = await cluster.StartGatewayAsync(TinyQuotas.Apply);
        var (user, bystander) = (await cluster.RegisterUserAsync("ws"), await cluster.RegisterUserAsync("other"));
        await using var ws = await WsClient.ConnectAsync(gateway.HttpBaseAddress, user);
        for (var i = 0; i < TinyQuotas.Reads; i++)
        {
            Assert.Equal("messages", Type(await ws.RequestAsync("get_messages", new { roomId = "general" })));
        }
        for (var i = 0; i < TinyQuotas.Joins; i++)
        {
            Assert.Equal("joined", Type(await ws.RequestAsync("join_room", new { roomId = "general" })));
        }

        var read = await ws.RequestAsync("get_messages", new { roomId = UnknownRoom });
        var join = await ws.RequestAsync("join_room", new { roomId = UnknownRoom });

        foreach (var refusal in new[] { read, join })
        {
            Assert.Equal("error", Type(refusal));
            Assert.Equal("rate_limited", refusal.GetProperty("code").GetString());
        }
        Assert.Equal(WebSocketState.Open, ws.State);
        await using var other = await WsClient.ConnectAsync(gateway.HttpBaseAddress, bystander);
        Assert.Equal("messages", Type(await other.RequestAsync("get_messages", new { roomId = "general" })));
    }

    [Fact]
    public void EveryMeteredOperationNamesARealEndpointHubMethodOrFrame()
    {
        var patterns = cluster.GatewayServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["POST"])
                .Select(method => $"{method} {endpoint.RoutePattern.RawText}"))
            .ToHashSet();
        var hubMethods = typeof(ChatHub).GetMethods().Select(method => method.Name).ToHashSet();

        Assert.All(MeteredOperations.Http.Keys, key => Assert.Contains(key, patterns));
        Assert.All(MeteredOperations.HubMethods.Keys, name => Assert.Contains(name, hubMethods));
    }

    private static HttpClient Client(GatewayHost gateway, TestUser user) =>
        new() { BaseAddress = gateway.HttpBaseAddress, DefaultRequestHeaders = { Authorization = new("Bearer", user.Token) } };

    private static string? Type(JsonElement frame) => frame.GetProperty("type").GetString();
}
