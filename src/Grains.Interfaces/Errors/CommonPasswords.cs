using System.Collections.Frozen;

namespace Chat.Errors;

/// <summary>
/// The bundled list of common and breached passwords (<c>common-passwords.txt</c>, an embedded resource) that
/// NIST SP 800-63B asks a verifier to refuse. Compared case-insensitively: "Password1" is as guessable as "password1".
/// Loaded once, on first use; a missing resource is a build defect and fails loudly.
/// </summary>
public static class CommonPasswords
{
    private const string ResourceName = "Chat.Errors.common-passwords.txt";

    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    public static bool Contains(string password) => List.Value.Contains(password.ToLowerInvariant());

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var entries = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                entries.Add(line.ToLowerInvariant());
            }
        }
        return entries.ToFrozenSet(StringComparer.Ordinal);
    }
}
