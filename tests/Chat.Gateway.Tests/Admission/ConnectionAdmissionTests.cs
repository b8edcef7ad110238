using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Chat.Gateway.Hosting;
using Chat.Gateway.Tests.Support;
using Chat.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chat.Gateway.Tests.Admission;

/// <summary>
/// At its connection cap (in production: the open-file limit minus a reserve; here set to 2) a gateway refuses new
/// connections with 503 + Retry-After, keeps serving the live ones, logs one line however many it refuses, and
/// admits again once a connection has gone.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class ConnectionAdmissionTests(ChatCluster cluster)
{
    [Fact]
    public async Task AtTheCapNewConnectionsGet503WithRetryAfterLiveOnesKeepWorkingAndItAdmitsAgainWhenOneLeaves()
    {
        var logs = new CapturedLogs();
        await using var gateway = await cluster.StartGatewayAsync(builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Gateway:Admission:MaxLiveConnections"] = "2",
                ["Gateway:Admission:RetryAfterSeconds"] = "7",
                [$"Logging:LogLevel:{typeof(ConnectionAdmission).FullName}"] = "Information",
            });
            builder.Logging.AddProvider(logs);
        });
        var alice = await cluster.RegisterUserAsync("admit");
        var bob = await cluster.RegisterUserAsync("admit");
        var roomId = await TestRooms.CreateAsync(cluster, alice);
        var first = await WsClient.ConnectAsync(gateway.HttpBaseAddress, alice);
        await using var second = await WsClient.ConnectAsync(gateway.HttpBaseAddress, bob);
        await first.RequestAsync("join_room", new { roomId });
        await second.RequestAsync("join_room", new { roomId });

        var refusals = new List<(HttpStatusCode?, string?)>();
        for (var i = 0; i < 3; i++)
        {
            refusals.Add(await TryUpgradeAsync(gateway.HttpBaseAddress, bob));
        }
        using var http = new HttpClient { BaseAddress = gateway.HttpBaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", bob.Token);
        using var negotiate = await http.PostAsync("/hubs/chat/negotiate?negotiateVersion=1", null);
        var problem = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync()).RootElement;

        await first.RequestAsync("send_message", new { roomId, content = "still here" });
        var delivered = await second.ExpectAsync(f => f.GetProperty("type").GetString() == "new_message");

        await first.DisposeAsync();
        await using var third = await ConnectWhenAdmittedAsync(gateway.HttpBaseAddress, alice);
        await third.RequestAsync("join_room", new { roomId });
        await second.RequestAsync("send_message", new { roomId, content = "welcome back" });
        var toThird = await third.ExpectAsync(f => f.GetProperty("type").GetString() == "new_message");

        Assert.All(refusals, r => Assert.Equal<(HttpStatusCode?, string?)>((HttpStatusCode.ServiceUnavailable, "7"), r));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, negotiate.StatusCode);
        Assert.Equal("7", negotiate.Headers.RetryAfter?.Delta?.TotalSeconds.ToString());
        Assert.Equal("unavailable", problem.GetProperty("code").GetString());
        Assert.Contains("connection limit", problem.GetProperty("detail").GetString());
        Assert.Equal("still here", delivered.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("welcome back", toThird.GetProperty("message").GetProperty("content").GetString());
        var refusing = Assert.Single(logs.From<ConnectionAdmission>(LogLevel.Warning));
        Assert.Contains("Refusing new connections", refusing);
        var admitting = Assert.Single(logs.From<ConnectionAdmission>(LogLevel.Information));
        Assert.True(int.Parse(System.Text.RegularExpressions.Regex.Match(admitting, @"after refusing (\d+)").Groups[1].Value) >= 4, admitting);
    }

    /// <summary>A WebSocket upgrade that is expected to be refused: its HTTP status and Retry-After.</summary>
    private static async Task<(HttpStatusCode?, string?)> TryUpgradeAsync(Uri gateway, TestUser user)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(WsClient.Endpoint(gateway, user.Token), CancellationToken.None));
        return (socket.HttpStatusCode, socket.HttpResponseHeaders?.TryGetValue("Retry-After", out var values) == true ? values.FirstOrDefault() : null);
    }

    /// <summary>The server releases a closed connection's place when its request ends, just after the client sees the close.</summary>
    private static async Task<WsClient> ConnectWhenAdmittedAsync(Uri gateway, TestUser user)
    {
        WsClient? admitted = null;
        await Wait.UntilAsync(async () =>
        {
            try
            {
                admitted = await WsClient.ConnectAsync(gateway, user);
                return true;
            }
            catch (WebSocketException)
            {
                return false;
            }
        }, "a new connection is admitted after one left");
        return admitted!;
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _entries = new();

        public IEnumerable<string> From<T>(LogLevel level) =>
            _entries.Where(e => e.Category == typeof(T).FullName && e.Level == level).Select(e => e.Message);

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}
