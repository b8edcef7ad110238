namespace Chat.Errors;

// The presence rules of docs/PROTOCOL.md ("Profiles and presence", "Typing").
public static partial class ChatRules
{
    /// <summary>At most this many ids per <c>GET /users?ids=</c> (and gRPC <c>GetProfiles</c>).</summary>
    public const int ProfilesMaxBatch = 100;

    /// <summary>User ids are made by the server (32 hex digits today); anything longer is not one.</summary>
    public const int UserIdMaxLength = 64;

    /// <summary>At most one typing indicator per user and room is relayed per this interval (the contract's 2 s).</summary>
    public static readonly TimeSpan TypingInterval = TimeSpan.FromSeconds(2);

    /// <summary>Checks one user id of a profile lookup.</summary>
    public static void ValidateUserId([System.Diagnostics.CodeAnalysis.NotNull] string? userId)
    {
        if (string.IsNullOrEmpty(userId) || userId.Length > UserIdMaxLength || !userId.All(IsUserIdChar))
        {
            throw ChatException.BadRequest($"A user id is 1-{UserIdMaxLength} characters of [A-Za-z0-9_-].");
        }
    }

    /// <summary>
    /// The ids of a batch profile lookup: a comma-separated list (blanks ignored, duplicates kept once, order kept),
    /// 1 to <see cref="ProfilesMaxBatch"/> ids, each a valid user id.
    /// </summary>
    public static IReadOnlyList<string> ValidateUserIds(IEnumerable<string?>? ids)
    {
        var distinct = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in ids ?? [])
        {
            var id = raw?.Trim();
            if (string.IsNullOrEmpty(id))
            {
                continue;
            }
            ValidateUserId(id);
            if (seen.Add(id))
            {
                distinct.Add(id);
            }
        }
        if (distinct.Count == 0)
        {
            throw ChatException.BadRequest("ids is required: a comma-separated list of user ids.");
        }
        if (distinct.Count > ProfilesMaxBatch)
        {
            throw ChatException.BadRequest($"At most {ProfilesMaxBatch} user ids per request ({distinct.Count} given).");
        }
        return distinct;
    }

    private static bool IsUserIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
