using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Chat.Gateway.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chat.Gateway.Tests.Sessions;

/// <summary>
/// One-time connect tickets (<c>POST /users/me/connect-ticket</c>, then <c>?ticket=</c> on <c>/ws</c> or
/// <c>/hubs/chat</c>): a ticket opens one connection on any gateway; spent, expired, of an ended session or garbage,
/// it is 401; and it is never a bearer token.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class ConnectTicketTests(ChatCluster cluster)
{
    [Fact]
    public async Task ATicketOpensOneWebSocketAndASecondUseIs401()
    {
        var user = await cluster.RegisterUserAsync("ticket");
        var ticket = await IssueAsync(user);

        await using var ws = await ConnectWebSocketAsync(cluster.HttpBaseAddress, ticket);

        Assert.Equal("pong", (await ws.RequestAsync("ping")).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, await WebSocketStatusAsync(cluster.HttpBaseAddress, ticket));
    }

    [Fact]
    public async Task ATicketOpensAHubConnectionAndIsSpentOnEveryGateway()
    {
        var user = await cluster.RegisterUserAsync("ticket");
        var ticket = await IssueAsync(user);
        await using var other = await cluster.StartGatewayAsync();

        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(other.HttpBaseAddress, $"/hubs/chat?ticket={Uri.EscapeDataString(ticket)}"), options =>
            {
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
            })
            .Build();
        await hub.StartAsync();

        Assert.Equal("general", (await hub.InvokeAsync<JsonElement>("JoinRoom", "general")).GetProperty("room").GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, await WebSocketStatusAsync(cluster.HttpBaseAddress, ticket));
    }

    [Fact]
    public async Task ExpiredGarbageAndEndedSessionTicketsAre401AndATicketIsNoBearerToken()
    {
        var session = await SessionClient.RegisterAsync(cluster);
        var ticket = await IssueAsync(session.AsUser);
        var expired = Forge(ticket, DateTime.UtcNow.AddSeconds(-5));
        var ofEndedSession = await IssueAsync(session.AsUser);
        using (var http = cluster.CreateClient(session.AsUser))
        {
            using var bearer = new HttpRequestMessage(HttpMethod.Get, "/users/me") { Headers = { Authorization = new("Bearer", ticket) } };
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(bearer)).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync("/users/logout", content: null)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await WebSocketStatusAsync(cluster.HttpBaseAddress, expired));
        Assert.Equal(HttpStatusCode.Unauthorized, await WebSocketStatusAsync(cluster.HttpBaseAddress, "not-a-ticket"));
        Assert.Equal(HttpStatusCode.Unauthorized, await WebSocketStatusAsync(cluster.HttpBaseAddress, ofEndedSession));
    }

    [Fact]
    public async Task TheDotNetSignalRClientSendsItsTokenInAHeaderNeverInTheUrl()
    {
        var user = await cluster.RegisterUserAsync("header");
        var requests = new ConcurrentQueue<string>();
        await using var gateway = await cluster.StartGatewayAsync(builder =>
            builder.Services.AddSingleton<IStartupFilter>(new RequestRecorder(requests)));

        // Configured as src/Client/Connection/SignalRConnector.cs configures it (negotiate, then WebSockets).
        await using var hub = HubClient.Build(gateway.HttpBaseAddress, user.Token);
        await hub.StartAsync();

        Assert.Contains(requests, request => request.StartsWith("/hubs/chat?", StringComparison.Ordinal));
        Assert.All(requests, request => Assert.DoesNotContain(user.Token, request));
    }

    [Fact]
    public async Task IssuingATicketNeedsAToken()
    {
        using var response = await cluster.Http.PostAsync("/users/me/connect-ticket", content: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<string> IssueAsync(TestUser user)
    {
        using var http = cluster.CreateClient(user);
        using var response = await http.PostAsync("/users/me/connect-ticket", content: null);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(body.GetProperty("expiresAt").GetInt64());
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(31));
        return body.GetProperty("ticket").GetString()!;
    }

    private static async Task<WsClient> ConnectWebSocketAsync(Uri gateway, string ticket) =>
        await WsClient.ConnectAsync(TicketEndpoint(gateway, ticket));

    /// <summary>The answer to a WebSocket upgrade with this ticket, read as plain HTTP (101 when it would connect).</summary>
    private static async Task<HttpStatusCode> WebSocketStatusAsync(Uri gateway, string ticket)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        using var response = await http.GetAsync($"/ws?ticket={Uri.EscapeDataString(ticket)}");
        return response.StatusCode;
    }

    private static Uri TicketEndpoint(Uri gateway, string ticket) =>
        new UriBuilder(gateway) { Scheme = "ws", Path = "/ws", Query = $"ticket={Uri.EscapeDataString(ticket)}" }.Uri;

    /// <summary>A copy of a real ticket (same claims, same key) that expired at <paramref name="expires"/>.</summary>
    private static string Forge(string ticket, DateTime expires)
    {
        var real = new JsonWebToken(ticket);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = real.Issuer,
            Audience = real.Audiences.Single(),
            IssuedAt = expires.AddSeconds(-30),
            NotBefore = expires.AddSeconds(-30),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ChatCluster.SigningKey)), SecurityAlgorithms.HmacSha256),
            Claims = real.Claims.Where(claim => claim.Type is not ("exp" or "iat" or "nbf" or "aud" or "iss"))
                .ToDictionary(claim => claim.Type, claim => (object)claim.Value),
        });
    }

    /// <summary>Records the path and query of every request the gateway receives.</summary>
    private sealed class RequestRecorder(ConcurrentQueue<string> requests) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                requests.Enqueue($"{context.Request.Path}{context.Request.QueryString}");
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
