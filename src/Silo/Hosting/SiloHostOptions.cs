using System.ComponentModel.DataAnnotations;

namespace Chat.Silo.Hosting;

/// <summary>Where this silo lives in the cluster (configuration section <c>Orleans</c>).</summary>
public sealed class SiloHostOptions
{
    public const string Section = "Orleans";

    [Required]
    public string ClusterId { get; set; } = "chat";

    [Required]
    public string ServiceId { get; set; } = "chat-orleans";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo on (a pod IP on Kubernetes).</summary>
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    /// <summary>Listen on every interface instead of only the advertised address (containers).</summary>
    public bool ListenOnAnyAddress { get; set; }
}
