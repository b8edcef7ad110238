using Chat.Messages;

namespace Chat.Grains.Storage;

public sealed partial class InMemoryMessageLog
{
    /// <summary>A copy of a room's messages as stored now (ascending by seq), for the embedded default's search.</summary>
    public IReadOnlyList<ChatMessage> Snapshot(string roomId)
    {
        var room = Room(roomId);
        lock (room)
        {
            return room.Messages.ToArray();
        }
    }
}
