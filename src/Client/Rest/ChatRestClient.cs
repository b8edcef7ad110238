using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Contracts;

namespace Chat.Client.Rest;

/// <summary>
/// The REST API of the gateways (docs/PROTOCOL.md, "REST"): sign-up and sign-in, and the calls an integration makes
/// without a live connection. A gateway that cannot be reached is skipped for the next one in the list; a refusal
/// is a <see cref="ChatClientException"/> with the status's <see cref="ChatError"/>.
/// </summary>
public sealed partial class ChatRestClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _endpoints;
    private int _preferred;

    public ChatRestClient(HttpClient http, IReadOnlyList<Uri> endpoints)
    {
        if (endpoints.Count == 0)
        {
            throw new ArgumentException("At least one gateway address is needed.", nameof(endpoints));
        }
        _http = http;
        _endpoints = endpoints;
    }

    /// <summary>The bearer token sent with every call that needs one (set by <see cref="RegisterAsync"/> and <see cref="LogInAsync"/>).</summary>
    public string? AccessToken { get; set; }

    public async Task<AuthResponse> RegisterAsync(string username, string email, string password, CancellationToken cancellationToken = default)
    {
        var result = await SendAsync<AuthResponse>(HttpMethod.Post, "users/register", new RegisterRequest(username, email, password), cancellationToken);
        UseTokens(result);
        return result;
    }

    public async Task<AuthResponse> LogInAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        var result = await SendAsync<AuthResponse>(HttpMethod.Post, "users/login", new LoginRequest(username, password), cancellationToken);
        UseTokens(result);
        return result;
    }

    /// <summary>
    /// Sends a message; <c>Created</c> is false when the client message id was already stored (the original is
    /// returned). Without a client message id one is made up, so that moving to another gateway never stores twice.
    /// </summary>
    public async Task<(MessageDto Message, bool Created)> SendMessageAsync(string roomId, string content, string? clientMessageId = null, CancellationToken cancellationToken = default)
    {
        clientMessageId ??= ChatClient.NewClientMessageId();
        var (message, status) = await SendCoreAsync<MessageDto>(HttpMethod.Post, "chat/messages", new SendMessageRequest(roomId, content, clientMessageId), cancellationToken);
        return (message, status == System.Net.HttpStatusCode.Created);
    }

    public async Task<IReadOnlyList<MessageDto>> GetMessagesAsync(string roomId, long? beforeSeq = null, long? afterSeq = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = string.Join('&', new[]
        {
            beforeSeq is { } before ? $"beforeSeq={before}" : null,
            afterSeq is { } after ? $"afterSeq={after}" : null,
            limit is { } count ? $"limit={count}" : null,
        }.OfType<string>());
        var path = $"chat/rooms/{Uri.EscapeDataString(roomId)}/messages" + (query.Length > 0 ? "?" + query : "");
        return (await SendAsync<MessagesResponse>(HttpMethod.Get, path, null, cancellationToken)).Messages;
    }

    public async Task<IReadOnlyList<OnlineUserDto>> GetOnlineUsersAsync(string roomId, CancellationToken cancellationToken = default) =>
        (await SendAsync<OnlineUsersResponse>(HttpMethod.Get, $"chat/rooms/{Uri.EscapeDataString(roomId)}/users", null, cancellationToken)).Users;

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        (await SendCoreAsync<T>(method, path, body, cancellationToken)).Value;

    /// <summary>
    /// One call; when its access token is refused (expired) and a refresh token is held, the tokens are renewed once
    /// (<see cref="RefreshAsync"/>) and the call is made again, so an expiring token never reaches the caller.
    /// </summary>
    private async Task<(T Value, System.Net.HttpStatusCode Status)> SendCoreAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var sentWith = AccessToken;
        try
        {
            return await SendOnceAsync<T>(method, path, body, cancellationToken);
        }
        catch (ChatClientException exception) when (exception.Error == ChatError.Unauthorized && sentWith is not null
            && RefreshToken is not null && !IsSessionPath(path))
        {
            await RenewAfterRefusalAsync(sentWith, cancellationToken);
            return await SendOnceAsync<T>(method, path, body, cancellationToken);
        }
    }

    private async Task<(T Value, System.Net.HttpStatusCode Status)> SendOnceAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        HttpRequestException? unreachable = null;
        for (var tried = 0; tried < _endpoints.Count; tried++)
        {
            var index = (Volatile.Read(ref _preferred) + tried) % _endpoints.Count;
            using var request = new HttpRequestMessage(method, new Uri(_endpoints[index], path));
            if (body is not null)
            {
                request.Content = JsonContent.Create(body, options: Json);
            }
            if (AccessToken is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException exception) when (exception.StatusCode is null)
            {
                unreachable = exception; // connection refused or reset: try the next gateway
                continue;
            }
            using (response)
            {
                Volatile.Write(ref _preferred, index);
                if (!response.IsSuccessStatusCode)
                {
                    throw await ToExceptionAsync(response, cancellationToken);
                }
                if (response.StatusCode == System.Net.HttpStatusCode.NoContent)
                {
                    return (default!, response.StatusCode); // a command without an answer (callers ask for object?)
                }
                var value = await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                    ?? throw new ChatClientException(ChatError.Internal, $"{method} /{path}: empty answer.");
                return (value, response.StatusCode);
            }
        }
        throw new ChatClientException(ChatError.ConnectionLost, $"No gateway could be reached: {unreachable?.Message}", unreachable);
    }

    private static async Task<ChatClientException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var detail = $"HTTP {status}";
        if (response.Content.Headers.ContentLength is not 0)
        {
            try
            {
                var problem = await response.Content.ReadFromJsonAsync<ProblemBody>(Json, cancellationToken);
                detail = problem?.Detail ?? problem?.Title ?? detail;
            }
            catch (JsonException)
            {
                // Not a problem document: the status says enough.
            }
        }
        return new ChatClientException(ChatClientException.FromHttpStatus(status), detail);
    }

    private sealed record ProblemBody(string? Title, string? Detail);
}
