using System.ComponentModel.DataAnnotations;

namespace Chat.Gateway.Quotas;

/// <summary>
/// Per-user quotas (section <c>Gateway:Quotas</c>). Each refusal is <c>rate_limited</c> (429 / RESOURCE_EXHAUSTED /
/// a hub close error) with the wait when one is known. Connection counts are per gateway: a user may hold this many
/// on each gateway of the deployment.
/// </summary>
public sealed class QuotaOptions
{
    public const string SectionName = "Gateway:Quotas";

    /// <summary>Rooms one user may create per UTC day.</summary>
    [Range(1, 1_000_000)]
    public int RoomsPerDay { get; set; } = 50;

    /// <summary>Live hub and <c>/ws</c> connections of one user on one gateway.</summary>
    [Range(1, 100_000)]
    public int ConnectionsPerUser { get; set; } = 20;

    /// <summary>Open gRPC <c>Subscribe</c> streams of one user on one gateway.</summary>
    [Range(1, 100_000)]
    public int SubscribesPerUser { get; set; } = 5;

    /// <summary>Messages one <c>Subscribe</c> call may replay (all its rooms together); page older history with GetMessages.</summary>
    [Range(1, 100_000_000)]
    public long MaxReplayMessages { get; set; } = 10_000;

    /// <summary>The wait suggested to a client refused for holding too many connections.</summary>
    public static readonly TimeSpan ConnectionRetryAfter = TimeSpan.FromSeconds(5);
}
