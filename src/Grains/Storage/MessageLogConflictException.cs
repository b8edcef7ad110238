namespace Chat.Grains.Storage;

/// <summary>
/// A seq the room meant to write is already taken: another writer (a second activation during a split brain, or a
/// commit whose acknowledgement was lost) has written to the room. The room must reload its state from the log.
/// </summary>
public sealed class MessageLogConflictException(string roomId, long seq)
    : Exception($"Room '{roomId}': seq {seq} is already stored.")
{
    public string RoomId { get; } = roomId;
    public long Seq { get; } = seq;
}
