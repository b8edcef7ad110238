using System.ComponentModel.DataAnnotations;

namespace Chat.Grains.Users;

/// <summary>The per-user send budget across all transports (configuration section <c>Chat:RateLimit</c>).</summary>
public sealed class SendRateLimitOptions
{
    public const string Section = "Chat:RateLimit";

    /// <summary>Messages a user may send at once.</summary>
    [Range(1, 100_000, ErrorMessage = "Chat:RateLimit:Burst must be between 1 and 100000 messages.")]
    public int Burst { get; set; } = 30;

    /// <summary>Messages per second the budget refills; above zero (the wait for the next message divides by it).</summary>
    [Range(0.001, 100_000, ErrorMessage = "Chat:RateLimit:PerSecond must be above zero (at least 0.001) and at most 100000.")]
    public double PerSecond { get; set; } = 10;
}
