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
    public TimeSpan PollingPeriod { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Queues the rooms are hashed over; the silos share them out. Orleans' default is 8.</summary>
    public int Queues { get; set; } = 4;

    /// <summary>The values are read once while the silo is built, so they are checked there, not on first use.</summary>
    public RoomStreamOptions Validated()
    {
        if (PollingPeriod <= TimeSpan.Zero || PollingPeriod > TimeSpan.FromSeconds(10))
        {
            throw new InvalidOperationException($"{Section}:PollingPeriod must be above zero and at most 10 seconds; it is {PollingPeriod}.");
        }

        if (Queues is < 1 or > 1024)
        {
            throw new InvalidOperationException($"{Section}:Queues must be between 1 and 1024; it is {Queues}.");
        }

        return this;
    }
}
