namespace Chat.Rooms;

/// <summary>What a room is: open to everyone, open to its members, or a direct message between two users. Serialized: never renumber.</summary>
[GenerateSerializer, Alias("chat.RoomKind")]
public enum RoomKind
{
    Public = 0,
    Private = 1,
    /// <summary>A private room of exactly two members, one per pair (<see cref="DirectRooms.IdFor"/>), with no owner.</summary>
    Dm = 2,
}
