using System.ComponentModel.DataAnnotations;

namespace Chat.ServiceDefaults;

/// <summary>Where the Prometheus scrape endpoint answers (configuration section <c>Observability</c>).</summary>
public sealed class ObservabilityOptions
{
    public const string SectionName = "Observability";

    /// <summary>Path of the Prometheus text endpoint.</summary>
    [Required, RegularExpression("^/[A-Za-z0-9/_.-]*$", ErrorMessage = "Observability:MetricsPath must be an absolute path.")]
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>
    /// When set, the metrics path answers only on connections accepted on this local port (add a Kestrel endpoint
    /// for it, e.g. <c>Kestrel__Endpoints__Metrics__Url=http://0.0.0.0:9464</c>), so the public HTTP port never
    /// exposes it. The check uses the socket's local port, which a client cannot spoof as it can a Host header.
    /// </summary>
    [Range(1, 65535)]
    public int? MetricsPort { get; set; }

    /// <summary>
    /// Exports Orleans' per-message instruments (<see cref="ObservabilityProfile.OrleansPerMessageInstruments"/>:
    /// message and header sizes, dispatcher and directory-lookup counters). Off by default: each is updated for every
    /// message between processes, which cost 3–4 % of the silo's and the gateway's CPU at 200 messages/s
    /// (bench/README.md, issue #16); grain-call latency, activations, gateway traffic and messaging failures stay.
    /// </summary>
    public bool OrleansMessageMetrics { get; set; }
}
