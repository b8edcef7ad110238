using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Chat.Distributed.Harness;

/// <summary>One plain REST request during a fault, without any retry: what a script or a browser would have seen.</summary>
internal sealed record ProbeResult(TimeSpan At, TimeSpan Took, int Status, string Code, string? Failure)
{
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>The contract's retryable refusal (503 with code <c>unavailable</c>), or a gateway that is gone (connection refused or reset).</summary>
    public bool ClearAndRetryable => (Status == 503 && Code == "unavailable") || Failure == nameof(HttpRequestException);

    public override string ToString() => Failure is null ? $"{Status} {Code} after {Took.TotalSeconds:0.0} s" : $"{Failure} after {Took.TotalSeconds:0.0} s";
}

/// <summary>
/// Sends over REST (<c>POST /chat/messages</c>) through each given gateway in turn, every interval, one request at a time,
/// and records every answer: the fault scenarios assert that a client sees success or a clear, retryable refusal —
/// never a 500 and never a wait past <see cref="HangLimit"/>.
/// </summary>
internal sealed class RestProbe
{
    /// <summary>The gateway's grain-call time-out is 5 s and the store's command time-out 10 s: past this, a request hangs.</summary>
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(15);

    private readonly List<ProbeResult> _results = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public IReadOnlyList<ProbeResult> Results
    {
        get
        {
            lock (_results)
            {
                return [.. _results];
            }
        }
    }

    public static RestProbe Start(TestUser user, IReadOnlyList<GatewaySlot> gateways, string roomId, TimeSpan interval)
    {
        var probe = new RestProbe();
        probe._loop = Task.Run(() => probe.RunAsync(user, gateways, roomId, interval));
        return probe;
    }

    public async Task<IReadOnlyList<ProbeResult>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        return Results;
    }

    /// <summary>The ProblemDetails <c>code</c> of a refusal ("" when the body has none).</summary>
    public static async Task<string> ReadCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            return problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("code", out var code) ? code.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private async Task RunAsync(TestUser user, IReadOnlyList<GatewaySlot> gateways, string roomId, TimeSpan interval)
    {
        var clients = gateways.Select(g => LocalCluster.AuthorizedHttp(user, g, HangLimit)).ToList();
        try
        {
            for (var n = 0; !_stop.IsCancellationRequested; n++)
            {
                var started = Stopwatch.GetTimestamp();
                var at = Participant.Clock.Elapsed;
                ProbeResult result;
                try
                {
                    using var response = await clients[n % clients.Count].PostAsJsonAsync("chat/messages",
                        new { roomId, content = $"probe {n}", clientMessageId = Guid.NewGuid().ToString("N") });
                    var code = response.IsSuccessStatusCode ? "" : await ReadCodeAsync(response);
                    result = new ProbeResult(at, Stopwatch.GetElapsedTime(started), (int)response.StatusCode, code, null);
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    var failure = exception is TaskCanceledException ? "hang" : nameof(HttpRequestException);
                    result = new ProbeResult(at, Stopwatch.GetElapsedTime(started), 0, "", failure);
                }
                lock (_results)
                {
                    _results.Add(result);
                }
                await Task.Delay(interval, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }
}
