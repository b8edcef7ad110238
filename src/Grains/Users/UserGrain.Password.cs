namespace Chat.Grains.Users;

/// <summary>The password part of a user: the gateway checks the current password and hashes the new one.</summary>
public sealed partial class UserGrain
{
    public async Task SetPasswordHash(string passwordHash)
    {
        RequireProfile();
        state.State.PasswordHash = passwordHash;
        await state.WriteStateAsync();
    }
}
