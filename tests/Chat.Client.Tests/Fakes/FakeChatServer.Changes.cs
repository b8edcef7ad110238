using Chat.Contracts;

namespace Chat.Client.Tests.Fakes;

// The change feed of the fake server: edits numbered per room from 1, pushed to every joined connection (the editor's
// too) unless pushes are lost, and read back with the message as it is now.
internal sealed partial class FakeChatServer
{
    private readonly Dictionary<string, List<long>> _changes = [];

    /// <summary>Someone edits message <paramref name="seq"/>; returns its changeSeq.</summary>
    public long Edit(string roomId, long seq, string content)
    {
        MessageUpdatedDto update;
        FakeConnection[] targets;
        lock (_gate)
        {
            var messages = Room(roomId);
            var edited = messages[(int)seq - 1] with { Content = content, EditedAt = seq };
            messages[(int)seq - 1] = edited;
            var changes = Changes(roomId);
            changes.Add(seq);
            update = new MessageUpdatedDto(roomId, changes.Count, edited);
            targets = LosePushes ? [] : [.. _connections.Where(c => c.Rooms.Contains(roomId))];
        }
        foreach (var target in targets)
        {
            target.PushUpdate(update);
        }
        return update.ChangeSeq;
    }

    internal ChangesDto ReadChanges(string roomId, long afterChange, int limit)
    {
        lock (_gate)
        {
            var messages = Room(roomId);
            var changes = Changes(roomId);
            var page = changes.Select((seq, i) => new MessageChangeDto(i + 1, messages[(int)seq - 1]))
                .Where(c => c.ChangeSeq > afterChange).Take(limit).ToArray();
            return new ChangesDto(page, changes.Count);
        }
    }

    private List<long> Changes(string roomId)
    {
        if (!_changes.TryGetValue(roomId, out var changes))
        {
            _changes[roomId] = changes = [];
        }
        return changes;
    }
}
