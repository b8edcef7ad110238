using Chat.Errors;
using Chat.Presence;
using Chat.Users;

namespace Chat.Gateway.Application.Presence;

/// <summary>
/// Profiles with global presence, one or a batch (up to <see cref="ChatRules.ProfilesMaxBatch"/>, users asked in
/// parallel); unknown ids are left out of a batch and NotFound for a single lookup.
/// </summary>
public sealed class GetProfiles(IClusterClient cluster)
{
    public async Task<PublicProfile> HandleOneAsync(string? userId, CancellationToken cancellationToken)
    {
        ChatRules.ValidateUserId(userId);
        return await FindAsync(userId).WaitAsync(cancellationToken) ?? throw ChatException.NotFound("User not found.");
    }

    public async Task<IReadOnlyList<PublicProfile>> HandleAsync(IEnumerable<string?>? userIds, CancellationToken cancellationToken)
    {
        var ids = ChatRules.ValidateUserIds(userIds);
        var found = await Task.WhenAll(ids.Select(FindAsync)).WaitAsync(cancellationToken);
        return found.OfType<PublicProfile>().ToList();
    }

    /// <summary>The presence grain is asked only for a user that exists (no grain is activated for a made-up id).</summary>
    private async Task<PublicProfile?> FindAsync(string userId)
    {
        var profile = await cluster.GetGrain<IUserGrain>(userId).GetProfile();
        return profile is null
            ? null
            : new PublicProfile(profile with { Email = "" }, await cluster.GetGrain<IUserPresenceGrain>(userId).GetPresence());
    }
}
