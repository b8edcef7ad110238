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
}
