using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chat.Gateway.Tests.Support;
using Chat.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Chat.Gateway.Tests.Security.Fuzz;

/// <summary>
/// The fuzz campaign: over 10,000 seeded malformed or hostile inputs across REST, the hub, <c>/ws</c> and gRPC.
/// Each must get a clear refusal (4xx problem details, HubException, <c>error</c> frame, a gRPC status other than
/// OK/UNKNOWN/INTERNAL) within <see cref="Wait.Timeout"/>; afterwards the gateway and the cluster still serve and a
/// message acknowledged before the campaign is still stored. Reproduce a failure with <c>CHAT_FUZZ_SEED</c>; the
/// default seed is fixed, so CI runs the same inputs every time.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class FuzzCampaignTests(ChatCluster cluster, ITestOutputHelper output)
{
    private const int RestInputs = 5000;
    private const int WebSocketInputs = 3000;
    private const int HubInputs = 1100;
    private const int GrpcInputs = 1100;
    private const int RestWorkers = 4;

    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("CHAT_FUZZ_SEED"), out var seed) ? seed : 20261206;

    private readonly ConcurrentQueue<string> _failures = new();
    private int _passed;

    [Fact]
    public async Task TenThousandHostileInputsGetClearErrorsAndLoseNothing()
    {
        var user = await cluster.RegisterUserAsync("fuzz");
        var roomId = await TestRooms.CreateAsync(cluster, user);
        var before = await TestRooms.SendAsync(cluster, user, roomId, "acknowledged before the campaign");

        await Task.WhenAll(
            RestAsync(user, roomId),
            WebSocketAsync(user, roomId),
            HubAsync(user, roomId),
            new GrpcFuzzer(cluster.GrpcAddress, user.Token, Seed, Record).RunAsync(GrpcInputs, roomId));

        var total = _passed + _failures.Count;
        output.WriteLine($"fuzz seed {Seed}: {_passed} passed, {_failures.Count} failed of {total} inputs");
        Assert.True(total >= 10_000, $"only {total} inputs");
        var kinds = _failures.GroupBy(f => string.Join(' ', f.Split(' ').Take(4))).Select(g => $"{g.Count()} x {g.First()}");
        Assert.True(_failures.IsEmpty, string.Join("\n", kinds.Take(30)));

        using var health = await cluster.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var http = cluster.CreateClient(user);
        var history = await http.GetFromJsonAsync<JsonElement>($"/chat/rooms/{roomId}/messages");
        var messages = history.GetProperty("messages").EnumerateArray().ToList();
        var kept = Assert.Single(messages);
        Assert.Equal(before.GetProperty("seq").GetInt64(), kept.GetProperty("seq").GetInt64());
        Assert.Equal("acknowledged before the campaign", kept.GetProperty("content").GetString());
    }

    private void Record(string? failure)
    {
        if (failure is null)
        {
            Interlocked.Increment(ref _passed);
        }
        else
        {
            _failures.Enqueue(failure);
        }
    }

    private Task RestAsync(TestUser user, string roomId) => Task.WhenAll(Enumerable.Range(0, RestWorkers).Select(async worker =>
    {
        var inputs = new HostileInputs(Seed * 31 + worker);
        using var http = cluster.CreateClient(user);
        http.Timeout = Wait.Timeout;
        (HttpMethod Method, string Path, JsonObject Valid, string[] Invalidate)[] targets =
        [
            (HttpMethod.Post, "/users/register", new() { ["username"] = "fuzzer", ["email"] = "fuzzer@example.test", ["password"] = "a long uncommon passphrase" }, ["username", "email", "password"]),
            (HttpMethod.Post, "/users/login", new() { ["username"] = "fuzzer", ["password"] = "a long uncommon passphrase" }, ["username", "password"]),
            (HttpMethod.Put, "/users/me", new() { ["displayName"] = "Fuzz" }, ["displayName"]),
            (HttpMethod.Post, "/chat/rooms", new() { ["name"] = "Fuzz room", ["description"] = "", ["isPublic"] = true }, ["name"]),
            (HttpMethod.Post, "/chat/messages", new() { ["roomId"] = roomId, ["content"] = "hi" }, ["roomId", "content"]),
        ];
        for (var i = 0; i < RestInputs / RestWorkers; i++)
        {
            HttpRequestMessage request;
            string described;
            if (inputs.Next(6) == 0)
            {
                var trick = inputs.PathTrick();
                var query = inputs.Pick(["", "?limit=-1", "?beforeSeq=abc", "?limit=99999999999999999999", "?afterSeq=-5", "?beforeSeq=0"]);
                var path = $"/chat/rooms/{trick}/{inputs.Pick(["messages", "users"])}{query}";
                request = new HttpRequestMessage(HttpMethod.Get, path);
                described = $"GET {path}";
            }
            else
            {
                var target = inputs.Pick(targets);
                var input = inputs.Mutate(target.Valid, target.Invalidate);
                var content = new ByteArrayContent(input.Body);
                content.Headers.ContentType = new MediaTypeHeaderValue(inputs.Next(20) == 0 ? "text/plain" : "application/json");
                request = new HttpRequestMessage(target.Method, target.Path) { Content = content };
                described = $"{target.Method} {target.Path} {input}";
            }
            Record(await RestFailureAsync(http, request, described));
        }
    }));

    private static async Task<string?> RestFailureAsync(HttpClient http, HttpRequestMessage request, string described)
    {
        try
        {
            using (request)
            using (var response = await http.SendAsync(request))
            {
                var status = (int)response.StatusCode;
                if (status is < 400 or > 499)
                {
                    return $"REST {status} for {described}";
                }
                var body = await response.Content.ReadAsStringAsync();
                // Kestrel itself refuses a NUL in the path (400, empty body) before any application code runs.
                var refusedByKestrel = described.Contains("%00", StringComparison.Ordinal) && body.Length == 0;
                if (status == 400 && !refusedByKestrel
                    && (response.Content.Headers.ContentType?.MediaType != "application/problem+json" || !body.Contains("\"code\"")))
                {
                    return $"REST 400 without problem details for {described}";
                }
                return null;
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return $"REST {exception.GetType().Name} ({exception.Message}) for {described}";
        }
    }

    private async Task WebSocketAsync(TestUser user, string roomId)
    {
        var inputs = new HostileInputs(Seed * 31 + 101);
        JsonObject[] frames =
        [
            new() { ["type"] = "send_message", ["requestId"] = "r", ["roomId"] = roomId, ["content"] = "hi" },
            new() { ["type"] = "join_room", ["requestId"] = "r", ["roomId"] = roomId },
            new() { ["type"] = "get_messages", ["requestId"] = "r", ["roomId"] = roomId },
        ];
        var socket = await OpenSocketAsync(user);
        var buffer = new byte[64 * 1024];
        try
        {
            for (var i = 0; i < WebSocketInputs; i++)
            {
                var (bytes, kind, described) = inputs.Next(10) switch
                {
                    0 => (inputs.RandomBytes(1 + inputs.Next(2048)), WebSocketMessageType.Binary, "binary frame"),
                    1 => (Encoding.UTF8.GetBytes(new string('x', 33 * 1024 + inputs.Next(64 * 1024))), WebSocketMessageType.Text, "oversized frame"),
                    _ => Describe(inputs.Mutate(inputs.Pick(frames), inputs.Next(4) == 0 ? ["type"] : ["roomId"])),
                };
                using var timeout = new CancellationTokenSource(Wait.Timeout);
                // RFC 6455 8.1: a text frame that is not UTF-8 fails the connection (close 1007, or dropped before
                // the close handshake completes). That is the protocol's clear error; anything else must be an error frame.
                var notUtf8 = kind == WebSocketMessageType.Text && !IsUtf8(bytes);
                string? failure;
                try
                {
                    await socket.SendAsync(bytes, kind, endOfMessage: true, timeout.Token);
                    var problem = await ExpectErrorFrameAsync(socket, buffer, timeout.Token);
                    failure = problem is null || (notUtf8 && socket.CloseStatus == WebSocketCloseStatus.InvalidPayloadData)
                        ? null
                        : $"/ws {problem} for {described}";
                }
                catch (WebSocketException) when (notUtf8 && !timeout.IsCancellationRequested)
                {
                    failure = null;
                }
                catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
                {
                    failure = $"/ws {exception.GetType().Name} ({socket.CloseStatus} {socket.CloseStatusDescription}) for {described}";
                }
                Record(failure);
                if (socket.State != WebSocketState.Open)
                {
                    socket.Dispose();
                    socket = await OpenSocketAsync(user);
                }
            }
        }
        finally
        {
            socket.Dispose();
        }

        static (byte[], WebSocketMessageType, string) Describe(HostileInput input) => (input.Body, WebSocketMessageType.Text, input.ToString());
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private async Task<ClientWebSocket> OpenSocketAsync(TestUser user)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(WsClient.Endpoint(cluster, user.Token), CancellationToken.None);
        return socket;
    }

    /// <summary>Null when the next frame is an error frame with a wire code other than <c>internal</c>.</summary>
    private static async Task<string?> ExpectErrorFrameAsync(ClientWebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            length += result.Count;
        }
        while (!result.EndOfMessage);
        if (result.MessageType == WebSocketMessageType.Close)
        {
            return $"closed ({socket.CloseStatus})";
        }
        using var reply = JsonDocument.Parse(buffer.AsMemory(0, length));
        var type = reply.RootElement.GetProperty("type").GetString();
        var code = reply.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
        return type == "error" && code is { Length: > 0 } && code != "internal" ? null : $"reply {type}/{code}";
    }

    private async Task HubAsync(TestUser user, string roomId)
    {
        var inputs = new HostileInputs(Seed * 31 + 202);
        string[] hostile = ["", " ", "\u0000", "a\u202Eb", "ROOM", new string('r', 65), "../x", "no-such-room-fuzz"];
        await using var hub = HubClient.Build(cluster, user.Token);
        await hub.StartAsync();
        for (var i = 0; i < HubInputs; i++)
        {
            var bad = inputs.Pick(hostile);
            (string Method, object?[] Args) call = inputs.Next(9) switch
            {
                0 => ("JoinRoom", [bad]),
                1 => ("SendMessage", [roomId, inputs.Pick(["", " \n\t ", "\u202Eevil", "nul\u0000", new string('m', 4001)]), null]),
                2 => ("SendMessage", [bad, "hi", null]),
                3 => ("GetMessages", [roomId, (long?)inputs.Pick([-1L, 0L, long.MinValue]), null, null]),
                4 => ("GetMessages", [roomId, null, null, (int?)inputs.Pick([0, -1, int.MinValue])]),
                5 => ("GetOnlineUsers", [bad]),
                6 => ("NoSuchMethod", [bad]),
                7 => ("JoinRoom", [inputs.Next(1_000_000)]),
                _ => ("SendMessage", [roomId]),
            };
            var described = $"{call.Method}({string.Join(", ", call.Args.Select(a => a?.ToString()?.Length > 40 ? $"<{a.ToString()!.Length} chars>" : a))})";
            string? failure;
            try
            {
                await hub.InvokeCoreAsync<object?>(call.Method, call.Args).WaitAsync(Wait.Timeout);
                failure = $"hub accepted {described}";
            }
            catch (HubException exception)
            {
                failure = exception.Message.Contains("internal:", StringComparison.Ordinal) ? $"hub internal error for {described}" : null;
            }
            catch (Exception exception)
            {
                failure = $"hub {exception.GetType().Name} ({exception.Message}) for {described}";
            }
            Record(failure ?? (hub.State == HubConnectionState.Connected ? null : $"hub connection lost after {described}"));
            if (hub.State != HubConnectionState.Connected)
            {
                return;
            }
        }
    }
}
