using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Chat.Silo.Hosting;

/// <summary>
/// The room and user streams' queues (configuration section <c>Chat:Streams</c>). Streams are hashed over
/// <see cref="Queues"/> in-memory queues, each read by one silo's pulling agent (Chat.Streams). A read of an empty queue
/// waits up to <see cref="MaxWait"/> and returns as soon as a message is enqueued, so a quiet room adds no polling delay
/// to a message and an idle queue costs one grain call per <see cref="MaxWait"/>, not one per period. While messages
/// flow, a queue is read at most once per <see cref="PollingPeriod"/>, so a burst is delivered in one read.
/// </summary>
public sealed class RoomStreamOptions
{
    public const string Section = "Chat:Streams";

    /// <summary>
    /// The gap between two reads of a busy queue (Orleans' pulling-agent period; Orleans' default is 100 ms, too slow
    /// for a conversation): a message that arrives within it after another waits for the next read, at most this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.0000001", "00:00:10", ErrorMessage = "Chat:Streams:PollingPeriod must be above zero and at most 10 seconds.")]
    public TimeSpan PollingPeriod { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// How long a read of an empty queue waits for a message: idle cost is Queues / MaxWait grain calls per second,
    /// cluster-wide. Zero reads without waiting (plain polling every <see cref="PollingPeriod"/>, as Orleans' memory
    /// streams). A read is a grain call, so it must end well within the call time-out (<c>Orleans:ResponseTimeout</c>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10", ErrorMessage = "Chat:Streams:MaxWait must be between zero and 10 seconds.")]
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Queues the rooms are hashed over; the silos share them out. Orleans' default is 8; 2 halves the idle reads of
    /// 4 and, with fewer and fuller reads, cost less CPU per delivery (bench/README.md, issue #16). Raise it with the
    /// number of silos so that each has a queue.
    /// </summary>
    [Range(1, 1024, ErrorMessage = "Chat:Streams:Queues must be between 1 and 1024.")]
    public int Queues { get; set; } = 2;

    /// <summary>Refuses a <see cref="MaxWait"/> that would not end within half the grain call time-out.</summary>
    public void EnsureWaitFitsIn(TimeSpan responseTimeout)
    {
        if (MaxWait * 2 > responseTimeout)
        {
            throw new OptionsValidationException(Section, typeof(RoomStreamOptions),
                [$"Chat:Streams:MaxWait ({MaxWait}) must be at most half of Orleans:ResponseTimeout ({responseTimeout}): a waiting read is a grain call."]);
        }
    }
}
