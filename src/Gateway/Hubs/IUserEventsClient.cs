using Chat.Contracts;

namespace Chat.Gateway.Hubs;

/// <summary>
/// The user events the server pushes to every SignalR connection of a user, joined rooms or not (docs/PROTOCOL.md,
/// "Membership, read state, direct messages"). Their names are the hub event names.
/// </summary>
public interface IUserEventsClient
{
    /// <summary>The user became a member of a room (created it, joined it, was added, a DM was opened).</summary>
    Task RoomAdded(RoomChangedDto change);

    /// <summary>The user is no longer a member (left, was removed, the room was deleted).</summary>
    Task RoomRemoved(RoomRemovedDto change);

    /// <summary>A room of the user changed (name, description).</summary>
    Task RoomUpdated(RoomChangedDto change);

    /// <summary>The user's read position moved, on this device or another.</summary>
    Task ReadUpdated(ReadUpdatedDto change);
}
