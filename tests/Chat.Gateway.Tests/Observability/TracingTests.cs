using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Chat.Gateway.Tests.Support;
using Chat.Testing;

namespace Chat.Gateway.Tests.Observability;

/// <summary>One send is one trace: the gateway's request, the grain calls it makes and the INSERT that stores it.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class TracingTests(ChatCluster cluster)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ASendIsTracedFromTheGatewayThroughTheGrainsToTheInsert()
    {
        var user = await cluster.RegisterUserAsync("traced");
        var roomId = await TestRooms.CreateAsync(cluster, user);
        var traceId = ActivityTraceId.CreateRandom();
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or "MySqlConnector" || source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId)
                {
                    spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var http = cluster.CreateClient(user);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/chat/messages")
        {
            Content = JsonContent.Create(new { roomId, content = "followed" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();

        // The request's own span ends after the response is written: wait for it rather than for a fixed time.
        var clock = Stopwatch.StartNew();
        while (!spans.Any(span => span.Source.Name == "Microsoft.AspNetCore") && clock.Elapsed < Deadline)
        {
            await Task.Delay(20);
        }
        Assert.Contains(spans, span => span.Source.Name == "Microsoft.AspNetCore" && span.Kind == ActivityKind.Server);
        Assert.Contains(spans, span => span.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && span.DisplayName.Contains("RoomGrain", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(spans, span => span.Source.Name == "MySqlConnector" && IsInsert(span));
    }

    private static bool IsInsert(Activity span) =>
        span.DisplayName.Contains("INSERT", StringComparison.OrdinalIgnoreCase)
        || span.TagObjects.Any(tag => tag.Value is string text && text.Contains("INSERT", StringComparison.OrdinalIgnoreCase));
}
