using Chat.Errors;
using Chat.Grains.Storage;
using Chat.Users;

namespace Chat.Grains.Users;

/// <summary>
/// Who owns an email address (key: the normalized address). A claim left behind by a registration or an email
/// change that failed half-way is recognised (its owner does not exist or no longer has this address, and the claim is
/// older than a registration can take) and taken over.
/// </summary>
public sealed class EmailIndexGrain(
    [PersistentState("claim", ChatStorage.GrainState)] IPersistentState<EmailClaim> claim,
    TimeProvider time) : Grain, IEmailIndexGrain
{
    /// <summary>A claim younger than this may belong to a registration still in progress: it is never taken over.</summary>
    private static readonly TimeSpan PendingClaimGrace = TimeSpan.FromMinutes(2);

    public async Task<bool> TryClaim(string userId)
    {
        if (claim.State.UserId == userId)
        {
            return true;
        }
        if (claim.State.UserId is { } owner
            && (time.GetUtcNow() - claim.State.ClaimedAt < PendingClaimGrace || await IsHeldBy(owner)))
        {
            return false;
        }
        claim.State.UserId = userId;
        claim.State.ClaimedAt = time.GetUtcNow();
        await claim.WriteStateAsync();
        return true;
    }

    public async Task Release(string userId)
    {
        if (claim.State.UserId == userId)
        {
            claim.State.UserId = null;
            await claim.WriteStateAsync();
        }
    }

    private async Task<bool> IsHeldBy(string owner)
    {
        var profile = await GrainFactory.GetGrain<IUserGrain>(owner).GetProfile();
        return profile is not null && string.Equals(ChatRules.Normalize(profile.Email), this.GetPrimaryKeyString(), StringComparison.Ordinal);
    }
}

/// <summary>Who owns an email address, and since when.</summary>
[GenerateSerializer, Alias("chat.EmailClaim")]
public sealed class EmailClaim
{
    [Id(0)]
    public string? UserId { get; set; }

    [Id(1)]
    public DateTimeOffset ClaimedAt { get; set; }
}
