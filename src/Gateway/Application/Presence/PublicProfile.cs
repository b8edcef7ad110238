using Chat.Presence;
using Chat.Users;

namespace Chat.Gateway.Application.Presence;

/// <summary>A user as others see them: the profile (its email is never shown) and whether they are online anywhere.</summary>
public sealed record PublicProfile(UserProfile Profile, UserPresence Presence);
