namespace Chat.ServiceDefaults.Secrets;

/// <summary>
/// What a secret must not be outside Development: a placeholder from the repository's examples (<c>.env.example</c>,
/// the k8s example secrets, the docs), or too guessable. Every refusal says how to make a good one. The examples use
/// values containing <c>CHANGE-ME</c>, so a deployment that copies one refuses to start instead of running with a
/// secret anyone can read on the internet.
/// </summary>
public static class SecretPolicy
{
    public const string HowToGenerate = "generate one with `openssl rand -base64 48`";

    /// <summary>Estimated bits a signing key must carry (a 32-byte random key carries 256; 32 hex digits only 128).</summary>
    public const int MinimumKeyBits = 160;

    /// <summary>Shortest database/Redis password accepted for a server that is not on this machine.</summary>
    public const int MinimumPasswordLength = 16;

    /// <summary>Markers of the values committed in this repository's examples (compared case-insensitively).</summary>
    private static readonly string[] PlaceholderMarkers =
    [
        "change-me", "change_me", "changeme", "replace-me", "replace_me", "replaceme", "placeholder",
        "dev-only", "example", "your-secret", "your_secret", "dev-chat-password", "dev-redis-password", "dev-root-password",
    ];

    public static bool IsPlaceholder(string value) =>
        PlaceholderMarkers.Any(marker => value.Contains(marker, StringComparison.OrdinalIgnoreCase));

    /// <summary>Why <paramref name="key"/> is unfit to sign tokens, or null when it is fit.</summary>
    public static string? ProblemWithSigningKey(string setting, string key)
    {
        if (IsPlaceholder(key))
        {
            return $"{setting} is a placeholder from the examples: anyone who read them could forge tokens; {HowToGenerate}.";
        }
        var bits = EstimatedBits(key);
        return bits < MinimumKeyBits
            ? $"{setting} is too predictable (about {bits:F0} bits, at least {MinimumKeyBits} needed); {HowToGenerate}."
            : null;
    }

    /// <summary>Why <paramref name="password"/> is unfit to guard a datastore reachable over the network, or null.</summary>
    public static string? ProblemWithPassword(string setting, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return $"{setting} has no password for a server that is not on this machine; {HowToGenerate}.";
        }
        if (IsPlaceholder(password))
        {
            return $"{setting} uses a placeholder password from the examples; {HowToGenerate}.";
        }
        return password.Length < MinimumPasswordLength || EstimatedBits(password) < 64
            ? $"{setting} uses a weak password (at least {MinimumPasswordLength} random characters needed); {HowToGenerate}."
            : null;
    }

    /// <summary>
    /// Length times the Shannon entropy of the key's own characters: a rough upper bound on its randomness that is
    /// low for repeated or short keys (<c>aaaa...</c>, <c>0123456789abcdef</c>) and high for random base64.
    /// </summary>
    public static double EstimatedBits(string value)
    {
        if (value.Length == 0)
        {
            return 0;
        }
        var perCharacter = value.GroupBy(c => c)
            .Select(group => (double)group.Count() / value.Length)
            .Sum(p => -p * Math.Log2(p));
        return perCharacter * value.Length;
    }
}
