using System.Net;
using System.Net.Http.Json;
using Chat.Client;
using Chat.Client.Rest;
using Chat.Contracts;

namespace Chat.Client.Tests.Sessions;

/// <summary>
/// The REST client renews an expired access token with its refresh token and repeats the refused call, once, so a
/// caller never sees the expiry; a refresh the server refuses (the session ended) surfaces as unauthorized.
/// </summary>
public sealed class TransparentRefreshTests
{
    private static readonly UserDto Alice = new("u1", "alice", "alice@example.test", "alice", null, 1);

    [Fact]
    public async Task ARefusedTokenIsRenewedOnceAndTheCallRepeatedWithTheNewOne()
    {
        var gateway = new ScriptedGateway(
            _ => Json(HttpStatusCode.Unauthorized, new { status = 401 }),
            request => Json(HttpStatusCode.OK, new AuthResponse("access-2", Alice, "refresh-2")),
            _ => Json(HttpStatusCode.OK, new MessagesResponse([])));
        var rest = new ChatRestClient(new HttpClient(gateway), [new Uri("http://gateway.test/")]) { AccessToken = "access-1", RefreshToken = "refresh-1" };

        var messages = await rest.GetMessagesAsync("general");

        Assert.Empty(messages);
        Assert.Equal(["GET /chat/rooms/general/messages Bearer access-1", "POST /users/refresh", "GET /chat/rooms/general/messages Bearer access-2"], gateway.Seen);
        Assert.Contains("refresh-1", gateway.Bodies[1]);
        Assert.Equal(("access-2", "refresh-2"), (rest.AccessToken, rest.RefreshToken));
    }

    [Fact]
    public async Task AnEndedSessionSurfacesAsUnauthorizedAfterOneRefreshAttempt()
    {
        var gateway = new ScriptedGateway(
            _ => Json(HttpStatusCode.Unauthorized, new { status = 401 }),
            _ => Json(HttpStatusCode.Unauthorized, new { status = 401, detail = "sign in again" }));
        var rest = new ChatRestClient(new HttpClient(gateway), [new Uri("http://gateway.test/")]) { AccessToken = "revoked", RefreshToken = "spent" };

        var error = await Assert.ThrowsAsync<ChatClientException>(() => rest.GetOnlineUsersAsync("general"));

        Assert.Equal(ChatError.Unauthorized, error.Error);
        Assert.Equal(2, gateway.Seen.Count);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, object body) => new(status) { Content = JsonContent.Create(body) };

    /// <summary>Answers each request with the next scripted response and records what it was sent.</summary>
    private sealed class ScriptedGateway(params Func<HttpRequestMessage, HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        private int _next;

        public List<string> Seen { get; } = [];

        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var auth = request.Headers.Authorization is { } header ? $" {header.Scheme} {header.Parameter}" : "";
            Seen.Add($"{request.Method} {request.RequestUri!.AbsolutePath}{(request.RequestUri.AbsolutePath == "/users/refresh" ? "" : auth)}");
            Bodies.Add(request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken));
            return answers[_next++](request);
        }
    }
}
