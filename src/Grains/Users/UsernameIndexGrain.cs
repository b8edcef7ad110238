using Chat.Errors;
using Chat.Grains.Storage;
using Chat.Users;

namespace Chat.Grains.Users;

/// <summary>Who owns a username (key: the normalized name). Registrations of one name are serialized here.</summary>
[GenerateSerializer, Alias("chat.NameClaim")]
public sealed class NameClaim
{
    [Id(0)]
    public string? UserId { get; set; }
}

public sealed class UsernameIndexGrain(
    [PersistentState("claim", ChatStorage.GrainState)] IPersistentState<NameClaim> claim) : Grain, IUsernameIndexGrain
{
    public async Task<UserProfile> Register(NewUser user)
    {
        ChatRules.ValidateUsername(user.Username);
        ChatRules.ValidateEmail(user.Email);
        if (!string.Equals(ChatRules.Normalize(user.Username), this.GetPrimaryKeyString(), StringComparison.Ordinal))
        {
            throw ChatException.BadRequest("The username does not match this index entry.");
        }
        if (claim.State.UserId is not null)
        {
            throw ChatException.Conflict("That username is already taken.");
        }
        var email = GrainFactory.GetGrain<IEmailIndexGrain>(ChatRules.Normalize(user.Email));
        if (!await email.TryClaim(user.UserId))
        {
            throw ChatException.Conflict("That email is already registered.");
        }
        UserProfile profile;
        try
        {
            profile = await GrainFactory.GetGrain<IUserGrain>(user.UserId).Create(user);
        }
        catch
        {
            await email.Release(user.UserId);
            throw;
        }
        claim.State.UserId = user.UserId;
        await claim.WriteStateAsync();
        return profile;
    }

    public Task<string?> Resolve() => Task.FromResult(claim.State.UserId);
}
