using Chat.Client.Connection;
using Chat.Contracts;

namespace Chat.Client;

// The user's events: pushed to every connection of the user whether or not it joined a room, so an application keeps
// its room list, unread counts and read positions in step with the user's other devices.
public sealed partial class ChatClient
{
    /// <summary>The user became a member of a room (created it, joined it, was added, a DM was opened with them).</summary>
    public event Action<MyRoomDto>? RoomAdded;

    /// <summary>The user is no longer a member of a room; if it was joined here, it no longer is (its live delivery stopped).</summary>
    public event Action<string>? RoomRemoved;

    /// <summary>A room of the user changed (name, description).</summary>
    public event Action<MyRoomDto>? RoomUpdated;

    /// <summary>The user's read position in a room moved, on this device or another.</summary>
    public event Action<ReadUpdatedDto>? ReadUpdated;

    /// <summary>The user's rooms with read state (REST).</summary>
    public Task<IReadOnlyList<MyRoomDto>> GetMyRoomsAsync(CancellationToken cancellationToken = default) => Rest.GetMyRoomsAsync(cancellationToken);

    /// <summary>Marks a room read up to <paramref name="seq"/> (REST); every device of the user hears <see cref="ReadUpdated"/>.</summary>
    public Task MarkReadAsync(string roomId, long seq, CancellationToken cancellationToken = default) => Rest.MarkReadAsync(roomId, seq, cancellationToken);

    /// <summary>The direct-message room with <paramref name="username"/> (REST).</summary>
    public Task<RoomDto> OpenDmAsync(string username, CancellationToken cancellationToken = default) => Rest.OpenDmAsync(username, cancellationToken);

    private void OnUserEvent(string name, object payload)
    {
        switch (name, payload)
        {
            case (UserEventNames.RoomAdded, RoomChangedDto added):
                RoomAdded?.Invoke(added.Room);
                break;
            case (UserEventNames.RoomUpdated, RoomChangedDto updated):
                RoomUpdated?.Invoke(updated.Room);
                break;
            case (UserEventNames.RoomRemoved, RoomRemovedDto removed):
                if (_rooms.TryGetValue(removed.RoomId, out var room))
                {
                    _ = ForgetAsync(removed.RoomId, room); // the gateway has already taken this connection out of it
                }
                RoomRemoved?.Invoke(removed.RoomId);
                break;
            case (UserEventNames.ReadUpdated, ReadUpdatedDto read):
                ReadUpdated?.Invoke(read);
                break;
        }
    }
}
