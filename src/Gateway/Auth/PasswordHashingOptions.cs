using System.ComponentModel.DataAnnotations;

namespace Chat.Gateway.Auth;

/// <summary>Section <c>PasswordHashing</c>.</summary>
public sealed class PasswordHashingOptions
{
    public const string SectionName = "PasswordHashing";

    /// <summary>PBKDF2-SHA256 iterations for new hashes (OWASP's 2023 advice: 600,000). Tests lower it.</summary>
    [Range(1, PasswordHasher.MaxIterations)]
    public int Iterations { get; set; } = 600_000;

    /// <summary>How many hashes may run at once; more wait, so a login flood cannot take every core. 0 = processor count.</summary>
    [Range(0, 256)]
    public int MaxConcurrentHashes { get; set; }

    /// <summary>
    /// How long a request may wait for a free hash slot; beyond it the answer is 503 with <c>Retry-After</c>, so a
    /// flood of sign-ins queues boundedly instead of holding every request (and its memory) until the cores catch up.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(5);
}
