namespace Chat.Grains.Users;

/// <summary>The per-user send budget across all transports (configuration section <c>Chat:RateLimit</c>).</summary>
public sealed class SendRateLimitOptions
{
    public const string Section = "Chat:RateLimit";

    /// <summary>Messages a user may send at once.</summary>
    public int Burst { get; set; } = 30;

    /// <summary>Messages per second the budget refills.</summary>
    public double PerSecond { get; set; } = 10;
}
