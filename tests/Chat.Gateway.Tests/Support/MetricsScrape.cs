using System.Globalization;

namespace Chat.Gateway.Tests.Support;

/// <summary>
/// One read of the gateway's Prometheus text at /metrics. A test compares two reads (before and after what it does),
/// so that counters left by earlier tests on the shared gateway can never make it pass.
/// </summary>
public sealed class MetricsScrape
{
    private readonly string[] _lines;

    private MetricsScrape(string text) => _lines = text.Split('\n');

    public static async Task<MetricsScrape> ReadAsync(ChatCluster cluster) => new(await cluster.Http.GetStringAsync("/metrics"));

    /// <summary>The sum of every series of <paramref name="metric"/> whose labels include <paramref name="label"/> (e.g. <c>transport="rest"</c>); 0 when there is none yet.</summary>
    public double Value(string metric, string? label = null)
    {
        var sum = 0.0;
        foreach (var line in _lines)
        {
            if (!line.StartsWith(metric, StringComparison.Ordinal) || line.Length == metric.Length || line[metric.Length] is not ('{' or ' '))
            {
                continue;
            }
            var labelsEnd = line.IndexOf('}', StringComparison.Ordinal);
            var labels = labelsEnd > 0 ? line[metric.Length..labelsEnd] : "";
            if (label is not null && !labels.Contains(label, StringComparison.Ordinal))
            {
                continue;
            }
            var value = line[(labelsEnd > 0 ? labelsEnd + 1 : metric.Length)..].Trim().Split(' ')[0];
            sum += double.Parse(value, CultureInfo.InvariantCulture);
        }
        return sum;
    }

    /// <summary>
    /// Waits until every series in <paramref name="expected"/> differs from <paramref name="before"/> by at least its
    /// delta (a negative delta: has fallen by at least that much). The exporter caches a scrape for a moment and
    /// records some values after the reply a test awaits, so this reads until the values hold or the time-out passes.
    /// </summary>
    public static async Task ChangedAsync(ChatCluster cluster, MetricsScrape before, params (string Metric, string? Label, double Delta)[] expected)
    {
        MetricsScrape? after = null;
        try
        {
            await Wait.UntilAsync(async () =>
            {
                after = await ReadAsync(cluster);
                return expected.All(e => e.Delta >= 0
                    ? after.Value(e.Metric, e.Label) - before.Value(e.Metric, e.Label) >= e.Delta
                    : after.Value(e.Metric, e.Label) - before.Value(e.Metric, e.Label) <= e.Delta);
            }, "the metrics changed");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var report = string.Join("; ", expected.Select(e =>
                $"{e.Metric}{{{e.Label}}}: {before.Value(e.Metric, e.Label)} -> {after?.Value(e.Metric, e.Label)} (expected a change of {e.Delta})"));
            Assert.Fail($"The metrics did not change as expected ({exception.Message}): {report}");
        }
    }
}
