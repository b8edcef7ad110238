using System.Globalization;
using System.Text.RegularExpressions;
using Chat.Gateway.Tests.Support;
using Chat.Testing;

namespace Chat.Gateway.Tests.Observability;

/// <summary>The fixed metric names of the dashboards and alerts, compared before and after what should move them.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed partial class DurationMetricsTests(ChatCluster cluster)
{
    [Fact]
    public async Task ARestSendAddsOneAckDurationInSecondsAndTheGatewayReportsTheClusterReachable()
    {
        var user = await cluster.RegisterUserAsync("durations");
        var roomId = await TestRooms.CreateAsync(cluster, user);
        var before = await ScrapeAsync();

        await TestRooms.SendAsync(cluster, user, roomId, "timed");
        // The exporter serves a cached scrape for a moment: poll until the send shows, with a deadline.
        var after = await ScrapeUntilAsync(metrics => Sample(metrics, AckCount()) > Sample(before, AckCount()));

        Assert.True(Sample(after, AckCount()) >= Sample(before, AckCount()) + 1, "chat_message_ack_duration_seconds_count{transport=rest} did not grow.");
        Assert.True(Sample(after, AckSum()) > Sample(before, AckSum()), "chat_message_ack_duration_seconds_sum did not grow.");
        Assert.True(Sample(after, AckSum()) - Sample(before, AckSum()) < 60, "An ack took over a minute: the histogram is not in seconds.");
        Assert.Matches(ClusterReachable(), after);
    }

    private Task<string> ScrapeAsync() => cluster.Http.GetStringAsync("/metrics");

    private async Task<string> ScrapeUntilAsync(Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var metrics = await ScrapeAsync();
        while (!done(metrics) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            metrics = await ScrapeAsync();
        }
        return metrics;
    }

    /// <summary>The sum over every series of one sample (several gateways may share the process); 0 when absent.</summary>
    private static double Sample(string metrics, Regex sample) =>
        sample.Matches(metrics).Sum(match => double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex("""^chat_message_ack_duration_seconds_count\{[^}]*transport="rest"[^}]*\} (?<value>[0-9.eE+-]+)""", RegexOptions.Multiline)]
    private static partial Regex AckCount();

    [GeneratedRegex("""^chat_message_ack_duration_seconds_sum\{[^}]*transport="rest"[^}]*\} (?<value>[0-9.eE+-]+)""", RegexOptions.Multiline)]
    private static partial Regex AckSum();

    [GeneratedRegex("""^chat_cluster_reachable(\{[^}]*\})? 1\b""", RegexOptions.Multiline)]
    private static partial Regex ClusterReachable();
}
