using Chat.Contracts;

namespace Chat.Client.Rest;

// Other users' profiles with global presence (docs/PROTOCOL.md, "Profiles and presence").
public sealed partial class ChatRestClient
{
    /// <summary><c>GET /users/{userId}</c>: <see cref="ChatError.NotFound"/> for an unknown user.</summary>
    public Task<ProfileDto> GetProfileAsync(string userId, CancellationToken cancellationToken = default) =>
        SendAsync<ProfileDto>(HttpMethod.Get, $"users/{Uri.EscapeDataString(userId)}", null, cancellationToken);

    /// <summary><c>GET /users?ids=</c>: 1 to 100 ids (more is <see cref="ChatError.BadRequest"/>); unknown ids are left out.</summary>
    public async Task<IReadOnlyList<ProfileDto>> GetProfilesAsync(IEnumerable<string> userIds, CancellationToken cancellationToken = default)
    {
        var ids = string.Join(',', userIds.Select(Uri.EscapeDataString));
        return (await SendAsync<ProfilesResponse>(HttpMethod.Get, $"users?ids={ids}", null, cancellationToken)).Users;
    }
}
