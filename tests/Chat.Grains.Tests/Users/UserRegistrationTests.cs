using Chat.Errors;
using Chat.Users;

namespace Chat.Grains.Tests.Users;

[Collection(GrainClusterCollection.Name)]
public sealed class UserRegistrationTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task UsernamesAreUniqueIgnoringCase()
    {
        var name = $"Ann{Guid.NewGuid():N}"[..12];
        var first = await TestData.RegisterAsync(Grains, name);

        var error = await Assert.ThrowsAsync<ChatException>(() => TestData.RegisterAsync(Grains, name.ToUpperInvariant()));

        Assert.Equal(ChatErrorCode.Conflict, error.Code);
        Assert.Equal(first.Id, await Grains.GetGrain<IUsernameIndexGrain>(name.ToLowerInvariant()).Resolve());
    }

    [Fact]
    public async Task EmailsAreUniqueIgnoringCaseAndAFailedRegistrationLeavesTheNameFree()
    {
        var taken = await TestData.RegisterAsync(Grains);
        var name = $"bob{Guid.NewGuid():N}"[..12];
        var clash = new NewUser(Guid.NewGuid().ToString("N"), name, taken.Email.ToUpperInvariant(), "hash");

        var error = await Assert.ThrowsAsync<ChatException>(() => Grains.GetGrain<IUsernameIndexGrain>(name).Register(clash));

        Assert.Equal(ChatErrorCode.Conflict, error.Code);
        Assert.Null(await Grains.GetGrain<IUsernameIndexGrain>(name).Resolve());
        Assert.Null(await Grains.GetGrain<IUserGrain>(clash.UserId).GetProfile());
    }

    [Fact]
    public async Task ConcurrentRegistrationsOfOneNameCreateOneUser()
    {
        var name = $"race{Guid.NewGuid():N}"[..12];
        var attempts = Enumerable.Range(0, 5).Select(i =>
            Grains.GetGrain<IUsernameIndexGrain>(name).Register(new NewUser(Guid.NewGuid().ToString("N"), name, $"{name}{i}@example.test", "hash")));

        var outcomes = await Task.WhenAll(attempts.Select(async a =>
        {
            try
            {
                await a;
                return true;
            }
            catch (ChatException ex) when (ex.Code == ChatErrorCode.Conflict)
            {
                return false;
            }
        }));

        Assert.Single(outcomes, created => created);
    }

    [Fact]
    public async Task ProfileUpdatesValidateAndMoveTheEmailClaim()
    {
        var user = await TestData.RegisterAsync(Grains);
        var other = await TestData.RegisterAsync(Grains);
        var grain = Grains.GetGrain<IUserGrain>(user.Id);
        var newEmail = $"new-{Guid.NewGuid():N}@example.test";

        var updated = await grain.UpdateProfile(new ProfileUpdate(newEmail, "https://example.test/a.png", "  Ann  "));
        var badAvatar = await Assert.ThrowsAsync<ChatException>(() => grain.UpdateProfile(new ProfileUpdate(null, "javascript:alert(1)", null)));
        var takenEmail = await Assert.ThrowsAsync<ChatException>(() => grain.UpdateProfile(new ProfileUpdate(other.Email, null, null)));

        Assert.Equal((newEmail, "https://example.test/a.png", "Ann"), (updated.Email, updated.Avatar, updated.DisplayName));
        Assert.Equal(ChatErrorCode.BadRequest, badAvatar.Code);
        Assert.Equal(ChatErrorCode.Conflict, takenEmail.Code);
        Assert.Equal(updated, await grain.GetProfile());
        // The old address is free again for someone else.
        Assert.True(await Grains.GetGrain<IEmailIndexGrain>(user.Email.ToLowerInvariant()).TryClaim(Guid.NewGuid().ToString("N")));
    }
}
