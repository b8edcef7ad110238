using System.ComponentModel.DataAnnotations;

namespace Chat.Gateway.Hosting;

/// <summary>How the gateway reaches the cluster (section <c>Orleans</c>, shared with the silo).</summary>
public sealed class OrleansClientOptions
{
    public const string SectionName = "Orleans";

    [Required]
    public string ClusterId { get; set; } = "chat";

    [Required]
    public string ServiceId { get; set; } = "chat-orleans";

    /// <summary>The silo's gateway port on this machine (embedded default only).</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// How long a grain call may take before it fails (and the transport answers Unavailable). Orleans' default of
    /// 30 s would leave a user staring at a spinner; a healthy call takes milliseconds. It is also the longest stall
    /// of a silo crash: a call the silo gateway had forwarded to the silo that died gets no answer and no error, only
    /// this time-out (measured in docs/DISTRIBUTED.md). Clients retry sends with the same client message id, so a call
    /// that timed out while its write still committed is answered with the stored message.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest pause between attempts to reach the cluster at start-up.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan MaxConnectRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}
