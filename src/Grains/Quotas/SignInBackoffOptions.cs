using System.ComponentModel.DataAnnotations;

namespace Chat.Grains.Quotas;

/// <summary>Per-account sign-in back-off (configuration section <c>Chat:SignInBackoff</c>).</summary>
public sealed class SignInBackoffOptions
{
    public const string Section = "Chat:SignInBackoff";

    /// <summary>Failed logins in a row that cost nothing (typos).</summary>
    [Range(1, 1000)]
    public int FreeFailures { get; set; } = 5;

    /// <summary>The lock after the first failure beyond the free ones; it doubles with each further failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan FirstLock { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxLock { get; set; } = TimeSpan.FromMinutes(15);
}
