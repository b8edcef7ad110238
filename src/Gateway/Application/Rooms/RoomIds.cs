using System.Security.Cryptography;
using System.Text;
using Chat.Errors;

namespace Chat.Gateway.Application.Rooms;

/// <summary>Room ids derived from a room's name: a readable slug plus a short random suffix (<c>"Team Café!"</c> → <c>team-cafe-x3k9q2</c>).</summary>
public static class RoomIds
{
    public const int SuffixLength = 6;
    private const string SuffixAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string FallbackSlug = "room";
    private const int MaxSlugLength = ChatRules.RoomIdMaxLength - SuffixLength - 1;

    // Common Latin accents folded by hand: the gateway runs with invariant globalization (no Unicode decomposition).
    private const string Accented = "àáâãäåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõöøōőŕřśšşťùúûüūůűųýÿźżž";
    private const string Folded = "aaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooorrssstuuuuuuuuyyzzz";

    public static string FromName(string name) => $"{Slug(name)}-{RandomNumberGenerator.GetString(SuffixAlphabet, SuffixLength)}";

    /// <summary>Lower-case ASCII letters and digits, accents dropped, every other run of characters one dash.</summary>
    public static string Slug(string name)
    {
        var slug = new StringBuilder(Math.Min(name.Length, MaxSlugLength));
        foreach (var c in name)
        {
            if (slug.Length == MaxSlugLength)
            {
                break;
            }
            var lower = char.ToLowerInvariant(c);
            var accent = Accented.IndexOf(lower);
            lower = accent >= 0 ? Folded[accent] : lower;
            if (char.IsAsciiLetterLower(lower) || char.IsAsciiDigit(lower))
            {
                slug.Append(lower);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var result = slug.ToString().Trim('-');
        return result.Length == 0 ? FallbackSlug : result;
    }
}
