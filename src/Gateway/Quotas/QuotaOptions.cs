using System.ComponentModel.DataAnnotations;

namespace Chat.Gateway.Quotas;

/// <summary>
/// Per-user quotas (section <c>Gateway:Quotas</c>). Each refusal is <c>rate_limited</c> (429 / RESOURCE_EXHAUSTED /
/// a hub error or close error, a <c>/ws</c> error frame) with the wait when one is known. Connection counts and the
/// read and join buckets are per gateway: a user may hold this many (spend this much) on each gateway of the deployment.
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

    /// <summary>
    /// Reads (history, change feed, search, profiles, my rooms, online users, directory pages) one user may make at once
    /// on one gateway. A sign-in of the web app with 100 rooms spends about 250 (a history page and a change-feed
    /// catch-up per room, my rooms, the directory, profiles), and a reconnect soon after as much again.
    /// </summary>
    [Range(1, 1_000_000)]
    public int ReadBurst { get; set; } = 500;

    /// <summary>Reads given back per <see cref="ReadRefillPeriod"/> (50 a second: a full burst in 10 s).</summary>
    [Range(1, 1_000_000)]
    public int ReadsPerPeriod { get; set; } = 50;

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan ReadRefillPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Joins (a live connection joining a room, becoming a member, each room of a gRPC Subscribe) one user may make at
    /// once on one gateway: a sign-in of the web app joins each of the user's rooms once, a Subscribe may name 100.
    /// </summary>
    [Range(1, 1_000_000)]
    public int JoinBurst { get; set; } = 200;

    /// <summary>Joins given back per <see cref="JoinRefillPeriod"/> (10 a second: a 100-room reconnect every 10 s).</summary>
    [Range(1, 1_000_000)]
    public int JoinsPerPeriod { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan JoinRefillPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait suggested to a client refused for holding too many connections.</summary>
    public static readonly TimeSpan ConnectionRetryAfter = TimeSpan.FromSeconds(5);
}
