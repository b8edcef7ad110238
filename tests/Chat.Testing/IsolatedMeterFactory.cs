using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Chat.Testing;

/// <summary>
/// A meter factory for an extra host started inside a test process that already runs the shared test cluster.
/// OpenTelemetry listens to meters by name across the whole process and merges same-named instruments into one
/// stream; when the extra host stops, its meters complete and that stream stops for the shared cluster too, so its
/// <c>/metrics</c> go quiet for every later test. Prefixing the names keeps the extra host's meters apart.
/// </summary>
public sealed class IsolatedMeterFactory : IMeterFactory
{
    private const string Prefix = "isolated.";
    private readonly ConcurrentBag<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(new MeterOptions(Prefix + options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
        _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}
