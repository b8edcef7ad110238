using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Chat.Gateway.Tests.Support;
using Chat.Testing;

namespace Chat.Gateway.Tests.Transports;

/// <summary>A missing, malformed, expired, foreign or revoked token gets 401 on every transport, never partial access.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class AuthenticationTests(ChatCluster cluster)
{
    public static TheoryData<string> BadTokens => new()
    {
        "missing",
        "garbage",
        "expired",
        "signed-with-another-key",
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task ABadTokenIsRefusedOnEveryTransport(string kind)
    {
        var user = await cluster.RegisterUserAsync("auth");
        var token = kind switch
        {
            "missing" => null,
            "garbage" => "not.a.jwt",
            "expired" => Tokens.Forge(user, DateTime.UtcNow.AddMinutes(-5)),
            _ => Tokens.Forge(user, DateTime.UtcNow.AddHours(1), signingKey: "another-key-that-is-long-enough-0123456789"),
        };

        await AssertRefusedEverywhereAsync(token);
    }

    [Fact]
    public async Task LoggingOutRevokesEveryEarlierTokenButNotANewLogin()
    {
        var user = await cluster.RegisterUserAsync("logout");
        using var http = cluster.CreateClient(user);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/users/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync("/users/logout", null)).StatusCode);

        await AssertRefusedEverywhereAsync(user.Token);
        using var login = await cluster.Http.PostAsJsonAsync("/users/login", new { username = user.Username, password = ChatCluster.Password });
        var fresh = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        using var again = cluster.CreateClient(user with { Token = fresh });
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/users/me")).StatusCode);
    }

    [Fact]
    public async Task OneTokenWorksOnEveryTransport()
    {
        var user = await cluster.RegisterUserAsync("valid");
        using var http = cluster.CreateClient(user);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/chat/rooms")).StatusCode);
        await using var hub = await HubClient.ConnectAsync(cluster, user);
        await using var socket = await WsClient.ConnectAsync(cluster, user);
        Assert.Equal("pong", (await socket.RequestAsync("ping")).GetProperty("type").GetString());
        Assert.Equal("general", (await hub.JoinAsync("general")).Room.Id);
    }

    private async Task AssertRefusedEverywhereAsync(string? token)
    {
        using var http = new HttpClient { BaseAddress = cluster.HttpBaseAddress };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/chat/messages", new { roomId = "general", content = "sneaky" })).StatusCode);

        await using var hub = HubClient.Build(cluster, token);
        var hubRefusal = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, hubRefusal.StatusCode);

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(WsClient.Endpoint(cluster, token), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }
}
