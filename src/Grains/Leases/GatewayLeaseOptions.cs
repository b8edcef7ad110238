using System.ComponentModel.DataAnnotations;

namespace Chat.Grains.Leases;

/// <summary>How often gateway leases are checked (configuration section <c>Chat:GatewayLease</c>).</summary>
public sealed class GatewayLeaseOptions
{
    public const string Section = "Chat:GatewayLease";

    /// <summary>How often a lease grain checks whether its gateway's lease has lapsed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00", ErrorMessage = "Chat:GatewayLease:CheckInterval must be between 50 ms and 5 minutes.")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The lease assumed for a gateway that announced rooms before its first renewal reached this activation.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00", ErrorMessage = "Chat:GatewayLease:InitialGrace must be between 1 s and 30 minutes.")]
    public TimeSpan InitialGrace { get; set; } = TimeSpan.FromSeconds(10);
}
