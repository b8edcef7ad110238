using HdrHistogram;

namespace Chat.Bench.Scenarios;

/// <summary>A thread-safe latency histogram in microseconds (1 µs to 1 h, 3 significant digits).</summary>
public sealed class LatencyRecorder
{
    private readonly Recorder _recorder = HistogramFactory.With64BitBucketSize()
        .WithValuesFrom(1).WithValuesUpTo(TimeStamp.Hours(1)).WithPrecisionOf(3).WithThreadSafeWrites().WithThreadSafeReads().Create();
    private HistogramBase? _total;

    public void RecordMilliseconds(double ms) => _recorder.RecordValue(Math.Max(1, (long)(ms * 1000)));

    /// <summary>Everything recorded since the last call to <see cref="Reset"/>.</summary>
    public HistogramBase Snapshot()
    {
        var interval = _recorder.GetIntervalHistogram();
        if (_total is null)
        {
            _total = interval;
        }
        else
        {
            _total.Add(interval);
        }
        return _total;
    }

    public void Reset()
    {
        _recorder.Reset();
        _total = null;
    }

    public static Dictionary<string, double> Summary(HistogramBase h) => h.TotalCount == 0
        ? new() { ["count"] = 0 }
        : new()
        {
            ["count"] = h.TotalCount,
            ["p50_ms"] = h.GetValueAtPercentile(50) / 1000.0,
            ["p99_ms"] = h.GetValueAtPercentile(99) / 1000.0,
            ["p999_ms"] = h.GetValueAtPercentile(99.9) / 1000.0,
            ["max_ms"] = h.GetMaxValue() / 1000.0,
        };
}
