using System.ComponentModel.DataAnnotations;

namespace Chat.ServiceDefaults;

/// <summary>
/// The cluster as silos and gateways see it: configuration section <c>Orleans</c>, read by this one class in every
/// host, so a value set once (e.g. <c>Orleans__ClusterId</c>) means the same on both sides. Settings only one side
/// uses say so. <c>Orleans:Membership</c> is bound straight onto Orleans' own membership options by the silo.
/// </summary>
public sealed class ChatClusterOptions
{
    public const string SectionName = "Orleans";

    [Required]
    public string ClusterId { get; set; } = "chat";

    [Required]
    public string ServiceId { get; set; } = "chat-orleans";

    /// <summary>Silo: the port silos talk to each other on.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>The silo's gateway port (clients connect to it); the gateway uses it on this machine in the embedded default.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Silo: the address other silos and clients reach it on (a pod IP on Kubernetes).</summary>
    [Required]
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    /// <summary>Silo: listen on every interface instead of only the advertised address (containers).</summary>
    public bool ListenOnAnyAddress { get; set; }

    /// <summary>
    /// Gateway and silo: how long a grain call may take before it fails (and the transport answers Unavailable). Orleans'
    /// default of 30 s would leave a user staring at a spinner; a healthy call takes milliseconds. It is also the
    /// longest stall of a silo crash: a call forwarded to a silo that died gets no answer, only this time-out
    /// (measured in docs/DISTRIBUTED.md). Clients retry sends with the same client message id, so a call that timed
    /// out while its write still committed is answered with the stored message. In a silo it also bounds how long a
    /// stream delivery to a gateway lost with a crashed silo holds that room's later events before it is retried.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gateway: the longest pause between attempts to reach the cluster at start-up.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan MaxConnectRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gateway: how often the Orleans client re-reads the list of silo gateways from the membership table. Orleans'
    /// default is a minute: a silo that joined (scale-out, a restart) would get no client traffic that long. One Redis
    /// read per period per gateway is cheap; a dead silo is dropped at once when its connection breaks.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);
}
