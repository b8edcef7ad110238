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
}
