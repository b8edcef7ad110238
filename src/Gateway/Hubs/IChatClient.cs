using Chat.Contracts;

namespace Chat.Gateway.Hubs;

/// <summary>The events the server pushes to SignalR clients (docs/PROTOCOL.md, "SignalR hub").</summary>
public interface IChatClient
{
    /// <summary>A message stored in a joined room; never sent to the connection that sent it.</summary>
    Task NewMessage(MessageDto message);

    /// <summary>A user's first connection joined a joined room; never sent to that user's own connections.</summary>
    Task UserJoined(PresenceDto presence);

    /// <summary>A user's last connection left a joined room; never sent to that user's own connections.</summary>
    Task UserLeft(PresenceDto presence);

    /// <summary>A user is typing in a joined room (<c>{roomId, userId, username}</c>); never sent to that user's own connections.</summary>
    Task UserTyping(PresenceDto typing);
}
