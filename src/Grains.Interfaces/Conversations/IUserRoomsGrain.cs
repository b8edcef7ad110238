using System.Collections.Immutable;

namespace Chat.Conversations;

/// <summary>
/// One user's side of membership (key: user id): the rooms they belong to, how far they have read in each, and the
/// mentions of them not yet read. Every change is published on the user's stream (<see cref="UserStreams"/>), which
/// each gateway holding a connection of the user relays to all of them.
/// </summary>
/// <remarks>Called by room grains for changes of membership; by gateways for reading and read positions.</remarks>
[Alias("chat.IUserRoomsGrain")]
public interface IUserRoomsGrain : IGrainWithStringKey
{
    /// <summary>The user's rooms and read state, in the order they were added.</summary>
    [Alias("GetReadStates")]
    Task<ImmutableArray<RoomReadState>> GetReadStates();

    /// <summary>The user became a member; starts reading at <paramref name="readFrom"/>. Publishes RoomAdded once (idempotent).</summary>
    [Alias("Added")]
    Task Added(RoomSummary room, long readFrom);

    /// <summary>The user is no longer a member (left, removed, room deleted). Publishes RoomRemoved if they were one.</summary>
    [Alias("Removed")]
    Task Removed(string roomId);

    /// <summary>The room's name, description or members changed. Publishes RoomUpdated to a member.</summary>
    [Alias("Updated")]
    Task Updated(RoomSummary room);

    /// <summary>
    /// Moves the read position forward to <paramref name="seq"/> (a lower one changes nothing) and publishes
    /// ReadUpdated when it moved. Forbidden for a room the user is not a member of. The caller checked that the
    /// room's newest seq is at least <paramref name="seq"/>.
    /// </summary>
    [Alias("MarkRead")]
    Task<RoomReadState> MarkRead(string roomId, long seq);

    /// <summary>The user was mentioned in message <paramref name="seq"/>: counted until they read past it.</summary>
    [Alias("AddMention")]
    Task AddMention(string roomId, long seq);
}
