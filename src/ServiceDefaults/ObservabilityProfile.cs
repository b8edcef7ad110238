namespace Chat.ServiceDefaults;

/// <summary>What one host adds to the shared observability: its service name, its own meters and activity sources.</summary>
/// <param name="ServiceName">Reported as <c>service.name</c> (Prometheus <c>target_info</c>, trace resources).</param>
/// <param name="Meters">Meter names exported besides the runtime's (wildcards allowed).</param>
/// <param name="ActivitySources">Activity source names traced besides ASP.NET Core's (wildcards allowed).</param>
public sealed record ObservabilityProfile(string ServiceName, IReadOnlyList<string> Meters, IReadOnlyList<string> ActivitySources)
{
    /// <summary>Orleans' grain-call spans (its activity propagation carries the trace across silos and clients).</summary>
    public const string OrleansActivitySources = "Microsoft.Orleans.*";

    /// <summary>MySqlConnector's spans: one per command, the INSERT of a message batch among them.</summary>
    public const string MySqlActivitySource = "MySqlConnector";

    /// <summary>
    /// Orleans instruments recorded once or more for every message between processes, not exported unless
    /// <see cref="ObservabilityOptions.OrleansMessageMetrics"/> is set: a dropped instrument is never listened to, so
    /// Orleans skips the measurement. Failures (<c>orleans-messaging-sent-failed</c>, <c>-dropped</c>, <c>-expired</c>,
    /// <c>-rejected</c>), grain-call latency and the gateway counters the dashboard plots are not in the list.
    /// </summary>
    public static readonly IReadOnlyList<string> OrleansPerMessageInstruments =
    [
        "orleans-messaging-sent-messages-size",
        "orleans-messaging-received-messages-size",
        "orleans-messaging-sent-header-size",
        "orleans-messaging-received-header-size",
        "orleans-messaging-sent-local",
        "orleans-messaging-rerouted",
        "orleans-messaging-processing-*",
        "orleans-directory-lookups-*",
    ];
}
