using System.Collections.Concurrent;
using System.Collections.Immutable;
using Chat.Messages;

namespace Chat.Grains.Storage;

/// <summary>
/// The embedded default's message log: one process's memory, lost on exit. Same contract as the MySQL log,
/// so the grains cannot tell them apart (and tests of grain logic run on it).
/// </summary>
public sealed class InMemoryMessageLog : IMessageLog
{
    private readonly ConcurrentDictionary<string, RoomLog> _rooms = new();

    public Task<RoomLogSnapshot> LoadAsync(string roomId, int newestCount, int clientIdWindow, CancellationToken cancellationToken = default)
    {
        var room = Room(roomId);
        lock (room)
        {
            var newest = room.Messages.Skip(Math.Max(0, room.Messages.Count - newestCount)).ToImmutableArray();
            var recent = room.Messages.Skip(Math.Max(0, room.Messages.Count - clientIdWindow))
                .Where(m => m.ClientMessageId is not null)
                .Select(m => (m.UserId, m.ClientMessageId!, m.Seq))
                .ToImmutableArray();
            return Task.FromResult(new RoomLogSnapshot(room.Messages.Count, newest, recent));
        }
    }

    public Task<IReadOnlyList<AppendOutcome>> AppendAsync(string roomId, long nextSeq, IReadOnlyList<PendingMessage> batch, CancellationToken cancellationToken = default)
    {
        var room = Room(roomId);
        lock (room)
        {
            if (nextSeq != room.Messages.Count + 1)
            {
                throw new MessageLogConflictException(roomId, room.Messages.Count);
            }
            var outcomes = new List<AppendOutcome>(batch.Count);
            foreach (var pending in batch)
            {
                if (pending.ClientMessageId is { } clientId && room.ByClientId.TryGetValue((pending.UserId, clientId), out var existing))
                {
                    outcomes.Add(new AppendOutcome(existing, Created: false));
                    continue;
                }
                var seq = room.Messages.Count + 1L;
                var message = new ChatMessage(ChatMessage.MakeId(roomId, seq), roomId, seq, pending.UserId, pending.Username,
                    pending.Content, MessageTypes.Text, pending.CreatedAt, pending.ClientMessageId, pending.Mentions is { Length: > 0 } ? pending.Mentions : null);
                room.Messages.Add(message);
                if (pending.ClientMessageId is { } id)
                {
                    room.ByClientId[(pending.UserId, id)] = message;
                }
                outcomes.Add(new AppendOutcome(message, Created: true));
            }
            return Task.FromResult<IReadOnlyList<AppendOutcome>>(outcomes);
        }
    }

    public Task<ImmutableArray<ChatMessage>> ReadAsync(string roomId, HistoryQuery query, CancellationToken cancellationToken = default)
    {
        var room = Room(roomId);
        lock (room)
        {
            return Task.FromResult(HistoryPage.Select(room.Messages, query));
        }
    }

    public Task<ChatMessage?> FindAsync(string roomId, long seq, CancellationToken cancellationToken = default)
    {
        var room = Room(roomId);
        lock (room)
        {
            return Task.FromResult(seq >= 1 && seq <= room.Messages.Count ? room.Messages[(int)seq - 1] : null);
        }
    }

    private RoomLog Room(string roomId) => _rooms.GetOrAdd(roomId, static _ => new RoomLog());

    private sealed class RoomLog
    {
        public List<ChatMessage> Messages { get; } = [];
        public Dictionary<(string UserId, string ClientId), ChatMessage> ByClientId { get; } = [];
    }
}
