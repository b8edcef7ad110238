namespace Chat.Grains.Gateways;

/// <summary>How often gateway leases are checked (configuration section <c>Chat:GatewayLease</c>).</summary>
public sealed class GatewayLeaseOptions
{
    public const string Section = "Chat:GatewayLease";

    /// <summary>How often a lease grain checks whether its gateway's lease has lapsed.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The lease assumed for a gateway that announced rooms before its first renewal reached this activation.</summary>
    public TimeSpan InitialGrace { get; set; } = TimeSpan.FromSeconds(10);
}
