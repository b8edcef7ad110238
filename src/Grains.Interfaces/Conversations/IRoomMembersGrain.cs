using Chat.Rooms;

namespace Chat.Conversations;

/// <summary>
/// A room's members and its administration (key: room id; the room grain implements it beside
/// <see cref="IRoomGrain"/>). Membership is durable and follows the user to every device; it is not the live join of
/// a connection (<see cref="IRoomGrain.Join"/>), which only decides what a connection is pushed. Every change a member
/// must know of reaches their <see cref="IUserRoomsGrain"/>, which tells all their connections.
/// </summary>
[Alias("chat.IRoomMembersGrain")]
public interface IRoomMembersGrain : IGrainWithStringKey
{
    /// <summary>The room as <paramref name="userId"/> may see it, with its newest seq (NotFound without access).</summary>
    [Alias("GetSummary")]
    Task<RoomSummary> GetSummary(string userId);

    /// <summary>Makes <paramref name="userId"/> a member of a public room (idempotent); private rooms answer NotFound.</summary>
    [Alias("JoinMember")]
    Task<RoomSummary> JoinMember(string userId);

    /// <summary>
    /// <paramref name="userId"/> stops being a member: their live connections leave the room at once, and a private
    /// room becomes invisible to them. The owner cannot leave (Conflict), nor can anyone leave a DM (BadRequest).
    /// </summary>
    [Alias("LeaveMember")]
    Task LeaveMember(string userId);

    /// <summary>
    /// The owner removes a member: as <see cref="LeaveMember"/>, and the removed user may not come back (a public room
    /// answers them NotFound too). Removing the owner is BadRequest; anyone else calling is Forbidden.
    /// </summary>
    [Alias("RemoveMember")]
    Task RemoveMember(string callerId, string memberUserId);

    /// <summary>The owner renames or describes the room (null fields stay); every member hears RoomUpdated.</summary>
    [Alias("UpdateRoom")]
    Task<RoomInfo> UpdateRoom(string callerId, string? name, string? description);

    /// <summary>The owner deletes the room: NotFound for everyone afterwards; every member hears RoomRemoved.</summary>
    [Alias("DeleteRoom")]
    Task DeleteRoom(string callerId);

    /// <summary>
    /// Opens the direct-message room of two users (its key must be <see cref="DirectRooms.IdFor"/> of them): created on
    /// first use, the same room afterwards, listed for both.
    /// </summary>
    [Alias("OpenDirect")]
    Task<RoomInfo> OpenDirect(string callerId, string callerName, string otherId, string otherName);
}
