using Chat.Contracts;

namespace Chat.Client;

// Typing indicators on the live connection; profiles with global presence are on Rest (ChatRestClient.Profiles.cs).
public sealed partial class ChatClient
{
    /// <summary>Another user is typing in a joined room (never raised for this user's own typing, on any device).</summary>
    public event Action<PresenceDto>? UserTyping;

    /// <summary>
    /// Tells the room's other joined connections that this user is typing; the server relays at most one indicator
    /// per user and room every 2 s, so calling it on every key stroke is fine. Not retried (a late indicator is
    /// worthless): without a connection it fails with <see cref="ChatError.ConnectionLost"/>.
    /// </summary>
    public async Task TypingAsync(string roomId, CancellationToken cancellationToken = default)
    {
        var connection = _supervisor.Current ?? throw new ChatClientException(ChatError.ConnectionLost, "Typing: not connected.");
        await connection.TypingAsync(roomId, cancellationToken);
    }

    /// <summary>A user's profile with global presence (<c>online</c>, <c>lastSeenAt</c>).</summary>
    public Task<ProfileDto> GetProfileAsync(string userId, CancellationToken cancellationToken = default) =>
        Rest.GetProfileAsync(userId, cancellationToken);

    /// <summary>Profiles of up to 100 users with global presence; unknown ids are left out.</summary>
    public Task<IReadOnlyList<ProfileDto>> GetProfilesAsync(IEnumerable<string> userIds, CancellationToken cancellationToken = default) =>
        Rest.GetProfilesAsync(userIds, cancellationToken);
}
