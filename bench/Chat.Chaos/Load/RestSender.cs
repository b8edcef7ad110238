using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Distributed.Harness;

namespace Chat.Chaos.Load;

/// <summary>A refused REST request: its status and the ProblemDetails <c>code</c>.</summary>
internal sealed class RestRefusedException(HttpStatusCode status, string code) : Exception($"{(int)status} {code}")
{
    public HttpStatusCode Status { get; } = status;
    public string Code { get; } = code;
}

/// <summary>Sends over REST (<c>POST /chat/messages</c>) through one gateway, moving to the other when it cannot connect.</summary>
internal sealed class RestSender(TestUser user, IReadOnlyList<GatewaySlot> gateways) : IDisposable
{
    private readonly HttpClient[] _clients = [.. gateways.Select(g => LocalCluster.AuthorizedHttp(user, g, Journal.HangLimit + TimeSpan.FromSeconds(5)))];
    private int _gateway;

    public static (string Code, bool Retryable) Classify(Exception exception) => exception switch
    {
        RestRefusedException refused => ($"{(int)refused.Status} {refused.Code}", refused.Status == HttpStatusCode.ServiceUnavailable && refused.Code == "unavailable"),
        HttpRequestException => ("connection_failed", true),
        _ => (exception.GetType().Name, false),
    };

    public async Task<long> SendAsync(string roomId, string content, string clientMessageId, CancellationToken cancellationToken)
    {
        var gateway = Volatile.Read(ref _gateway);
        try
        {
            using var response = await _clients[gateway % _clients.Length].PostAsJsonAsync("chat/messages",
                new { roomId, content, clientMessageId }, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new RestRefusedException(response.StatusCode, await RestProbe.ReadCodeAsync(response, cancellationToken));
            }
            var message = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            return message.GetProperty("seq").GetInt64();
        }
        catch (HttpRequestException)
        {
            Interlocked.CompareExchange(ref _gateway, gateway + 1, gateway);
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
