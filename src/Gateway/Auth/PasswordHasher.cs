using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Chat.Errors;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Auth;

/// <summary>
/// Slow salted password hashes, computed on the gateway (never in a grain, so the cluster's turn-based threads are
/// not blocked). The stored form describes itself, <c>pbkdf2-sha256$iterations$salt$hash</c> (base64), so the
/// iteration count can grow or the algorithm change without invalidating stored hashes.
/// </summary>
public sealed class PasswordHasher : IDisposable
{
    public const int MaxIterations = 10_000_000;
    private const string Algorithm = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly int _iterations;
    private readonly TimeSpan _maxWait;
    private readonly SemaphoreSlim _slots;
    private readonly Lazy<string> _decoy;

    public PasswordHasher(IOptions<PasswordHashingOptions> options)
    {
        _iterations = options.Value.Iterations;
        _maxWait = options.Value.MaxWait;
        var slots = options.Value.MaxConcurrentHashes > 0 ? options.Value.MaxConcurrentHashes : Environment.ProcessorCount;
        _slots = new SemaphoreSlim(slots, slots);
        _decoy = new Lazy<string>(() => Compute("decoy password", RandomNumberGenerator.GetBytes(SaltBytes), _iterations));
    }

    public async Task<string> HashAsync(string password, CancellationToken cancellationToken = default)
    {
        await TakeSlotAsync(cancellationToken);
        try
        {
            return Compute(password, RandomNumberGenerator.GetBytes(SaltBytes), _iterations);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Checks a password against a stored hash in fixed time. A null <paramref name="storedHash"/> (unknown user)
    /// is checked against a decoy, so that a missing user takes as long as a wrong password.
    /// </summary>
    public async Task<bool> VerifyAsync(string password, string? storedHash, CancellationToken cancellationToken = default)
    {
        await TakeSlotAsync(cancellationToken);
        try
        {
            if (storedHash is null)
            {
                Verify(password, _decoy.Value);
                return false;
            }
            return Verify(password, storedHash);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task TakeSlotAsync(CancellationToken cancellationToken)
    {
        if (!await _slots.WaitAsync(_maxWait, cancellationToken))
        {
            throw new ChatException(ChatErrorCode.Unavailable, "Too many sign-ins are being checked right now; try again shortly.", _maxWait);
        }
    }

    /// <summary>Hash slots free now (for tests and diagnostics).</summary>
    public int FreeSlots => _slots.CurrentCount;

    /// <summary>True when a stored hash was made with fewer iterations (or another format) than new hashes use.</summary>
    public bool NeedsRehash(string storedHash) =>
        !TryParse(storedHash, out var iterations, out _, out _) || iterations < _iterations;

    public void Dispose() => _slots.Dispose();

    private static bool Verify(string password, string storedHash)
    {
        if (!TryParse(storedHash, out var iterations, out var salt, out var expected))
        {
            return false;
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static string Compute(string password, byte[] salt, int iterations)
    {
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Algorithm, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    private static bool TryParse(string storedHash, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = storedHash.Split('$');
        if (parts.Length != 4 || parts[0] != Algorithm
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            || iterations is < 1 or > MaxIterations)
        {
            return false;
        }
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }
        return salt.Length > 0 && hash.Length > 0;
    }
}
