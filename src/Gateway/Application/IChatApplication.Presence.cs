using Chat.Gateway.Application.Presence;

namespace Chat.Gateway.Application;

// Typing indicators and profiles with global presence (docs/PROTOCOL.md, "Profiles and presence").
public partial interface IChatApplication
{
    /// <summary>
    /// The caller is typing in a room they may read (else NotFound, as for any other call): relayed to the room's other
    /// joined connections at most once per user and room per <see cref="Chat.Errors.ChatRules.TypingInterval"/>; a
    /// throttled indicator is swallowed silently. Never stored.
    /// </summary>
    Task TypingAsync(Caller caller, string? roomId, CancellationToken cancellationToken = default);

    /// <summary>A user as others see them, online anywhere or not; NotFound for an unknown user.</summary>
    Task<PublicProfile> GetProfileAsync(Caller caller, string? userId, CancellationToken cancellationToken = default);

    /// <summary>Several users (1 to <see cref="Chat.Errors.ChatRules.ProfilesMaxBatch"/> ids); unknown ids are left out.</summary>
    Task<IReadOnlyList<PublicProfile>> GetProfilesAsync(Caller caller, IEnumerable<string?>? userIds, CancellationToken cancellationToken = default);
}
