using System.ComponentModel.DataAnnotations;

namespace Chat.Silo.Hosting;

/// <summary>
/// The room streams' queues (configuration section <c>Chat:Streams</c>). Memory streams are pulled: every queue is
/// read by its silo's pulling agent once per <see cref="PollingPeriod"/>, so the period bounds the latency a quiet
/// room adds to a message (a busy queue is read again at once), and every queue costs one grain call per period
/// when idle, cluster-wide: <see cref="Queues"/> / <see cref="PollingPeriod"/> calls per second.
/// </summary>
public sealed class RoomStreamOptions
{
    public const string Section = "Chat:Streams";

    /// <summary>Orleans' default is 100 ms: fine for telemetry, too slow for a conversation.</summary>
    [Range(typeof(TimeSpan), "00:00:00.0000001", "00:00:10", ErrorMessage = "Chat:Streams:PollingPeriod must be above zero and at most 10 seconds.")]
    public TimeSpan PollingPeriod { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Queues the rooms are hashed over; the silos share them out. Orleans' default is 8; 2 halves the idle pulls of
    /// 4 and, with fewer and fuller pulls, cost less CPU per delivery (bench/README.md, issue #16). Raise it with the
    /// number of silos so that each has a queue.
    /// </summary>
    [Range(1, 1024, ErrorMessage = "Chat:Streams:Queues must be between 1 and 1024.")]
    public int Queues { get; set; } = 2;
}
