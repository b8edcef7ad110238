namespace Chat.Streams;

/// <summary>Per stream provider (named options): how long a read of an empty queue waits for a batch.</summary>
public sealed class WakingQueueOptions
{
    /// <summary>Zero polls (a read returns at once). Keep it well under the grain call time-out: a read is one grain call.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMilliseconds(500);
}
