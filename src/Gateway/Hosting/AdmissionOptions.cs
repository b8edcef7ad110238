using System.ComponentModel.DataAnnotations;

namespace Chat.Gateway.Hosting;

/// <summary>
/// How many live connections this gateway admits (section <c>Gateway:Admission</c>). Past the cap, or when memory
/// is nearly exhausted, new WebSocket upgrades and SignalR negotiations get 503 + <c>Retry-After</c>; live
/// connections are never touched.
/// </summary>
public sealed class AdmissionOptions
{
    public const string SectionName = "Gateway:Admission";

    /// <summary>
    /// The most live (upgraded) connections; null: the process's open-file limit (RLIMIT_NOFILE, soft) minus
    /// <see cref="DescriptorReserve"/>. The smaller of the two applies when both are known.
    /// </summary>
    [Range(1, 10_000_000)]
    public int? MaxLiveConnections { get; set; }

    /// <summary>
    /// Descriptors kept free below the open-file limit for everything that is not a live connection: REST requests,
    /// the cluster client's sockets, the database pool, log and assembly files.
    /// </summary>
    [Range(16, 1_000_000)]
    public int DescriptorReserve { get; set; } = 1_000;

    /// <summary>Refuse new connections while the GC reports memory load at or above this percentage of what the process may use.</summary>
    [Range(1, 100)]
    public int MaxMemoryLoadPercent { get; set; } = 95;

    /// <summary>What <c>Retry-After</c> tells a refused client.</summary>
    [Range(1, 3_600)]
    public int RetryAfterSeconds { get; set; } = 5;
}
