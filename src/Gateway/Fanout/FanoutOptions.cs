using System.ComponentModel.DataAnnotations;

namespace Chat.Gateway.Fanout;

/// <summary>Live delivery on this gateway (section <c>Gateway:Fanout</c>).</summary>
public sealed class FanoutOptions
{
    public const string SectionName = "Gateway:Fanout";

    /// <summary>
    /// How often each room with local members is checked: its stream subscription still exists, its epoch is the
    /// one this gateway synced with. Bounds how long presence stays wrong after a silo failure.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many rooms one live connection may join at once.</summary>
    [Range(1, 10_000)]
    public int MaxRoomsPerConnection { get; set; } = 100;

    /// <summary>
    /// Pushes not yet written to one SignalR connection. A connection that has this many pending is too slow to keep
    /// up with its rooms: it is aborted (the client reconnects and catches up by seq), never waited for, exactly as a
    /// raw WebSocket whose send queue (<c>Gateway:WebSocket:SendQueueCapacity</c>) is full.
    /// </summary>
    [Range(8, 65_536)]
    public int SignalRSendQueueCapacity { get; set; } = 256;
}
