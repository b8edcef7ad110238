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
}
