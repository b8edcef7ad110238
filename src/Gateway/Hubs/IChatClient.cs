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

    /// <summary>A message of a joined room changed (edit, delete, reaction): its whole state and the room's changeSeq; sent to every connection.</summary>
    Task MessageUpdated(MessageUpdatedDto update);
}
