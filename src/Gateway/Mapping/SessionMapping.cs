using Chat.Contracts;
using Chat.Sessions;

namespace Chat.Gateway.Mapping;

/// <summary>Sessions in their public shape.</summary>
public static class SessionMapping
{
    public static SessionDto ToDto(this SessionInfo s, bool current) => new(s.Id, s.CreatedAt, s.LastSeenAt, s.UserAgent, current);
}
