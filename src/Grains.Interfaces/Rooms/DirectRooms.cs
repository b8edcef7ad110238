using System.Security.Cryptography;
using System.Text;

namespace Chat.Rooms;

/// <summary>
/// Direct-message rooms have one id per pair of users, whoever opens them: a hash of the two ids in ordinal order,
/// so opening a DM is idempotent from either side without any lookup table.
/// </summary>
public static class DirectRooms
{
    /// <summary>Only DM rooms have ids with this prefix; creating another room under it is refused.</summary>
    public const string IdPrefix = "dm-";

    /// <summary>Hex characters of the hash kept in the id (160 bits: no collision in practice, well within 64 chars).</summary>
    private const int HashChars = 40;

    public static string IdFor(string userA, string userB)
    {
        var (first, second) = string.CompareOrdinal(userA, userB) <= 0 ? (userA, userB) : (userB, userA);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{first}\n{second}"));
        return IdPrefix + Convert.ToHexStringLower(hash)[..HashChars];
    }

    public static bool IsDirectId(string roomId) => roomId.StartsWith(IdPrefix, StringComparison.Ordinal);
}
