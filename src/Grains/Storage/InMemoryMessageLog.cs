using System.Collections.Concurrent;
using System.Collections.Immutable;
using Chat.Messages;

namespace Chat.Grains.Storage;

/// <summary>
/// The embedded default's message log: one process's memory, lost on exit. Same contract as the MySQL log,
/// so the grains cannot tell them apart (and tests of grain logic run on it).
/// </summary>
public sealed partial class InMemoryMessageLog : IMessageLog
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
                if (pending.ClientMessageId is { } clientId && room.ByClientId.TryGetValue((pending.UserId, clientId), out var existingSeq))
                {
                    outcomes.Add(new AppendOutcome(room.Messages[(int)existingSeq - 1], Created: false));
                    continue;
                }
                var seq = room.Messages.Count + 1L;
                var message = new ChatMessage(ChatMessage.MakeId(roomId, seq), roomId, seq, pending.UserId, pending.Username,
                    pending.Content, MessageTypes.Text, pending.CreatedAt, pending.ClientMessageId, pending.Mentions is { Length: > 0 } ? pending.Mentions : null)
                { ReplyTo = pending.ReplyTo, Attachments = pending.Attachments };
                room.Messages.Add(message);
                if (pending.ClientMessageId is { } id)
                {
                    room.ByClientId[(pending.UserId, id)] = seq;
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

    public Task UpdateAsync(string roomId, IReadOnlyList<MessageUpdate> changes, CancellationToken cancellationToken = default)
    {
        var room = Room(roomId);
        lock (room)
        {
            if (changes.Count > 0 && changes[0].ChangeSeq != room.Changes.Count + 1)
            {
                throw new MessageLogConflictException(roomId, changes[0].ChangeSeq);
            }
            foreach (var (_, message, _) in changes)
            {
                var index = (int)message.Seq - 1;
                room.Messages[index] = message;
                // Replies quote the original as it is now, as the MySQL log's reads do.
                for (var i = index + 1; i < room.Messages.Count; i++)
                {
                    if (room.Messages[i].ReplyTo?.Seq == message.Seq)
                    {
                        room.Messages[i] = room.Messages[i] with { ReplyTo = ReplyTo.Of(message) };
                    }
                }
                room.Changes.Add(message.Seq);
            }
            return Task.CompletedTask;
        }
    }

    public Task<long> LastChangeSeqAsync(string roomId, CancellationToken cancellationToken = default)
    {
        var room = Room(roomId);
        lock (room)
        {
            return Task.FromResult((long)room.Changes.Count);
        }
    }

    public Task<ImmutableArray<MessageChange>> ReadChangesAsync(string roomId, long afterChange, int limit, CancellationToken cancellationToken = default)
    {
        var room = Room(roomId);
        lock (room)
        {
            var changes = room.Changes
                .Select((seq, i) => new MessageChange(i + 1L, room.Messages[(int)seq - 1]))
                .Skip((int)Math.Min(afterChange, int.MaxValue))
                .Take(limit)
                .ToImmutableArray();
            return Task.FromResult(changes);
        }
    }

    private RoomLog Room(string roomId) => _rooms.GetOrAdd(roomId, static _ => new RoomLog());

    private sealed class RoomLog
    {
        public List<ChatMessage> Messages { get; } = [];
        /// <summary>Seqs, not messages: a message's state lives only in <see cref="Messages"/> (deleted content is gone).</summary>
        public Dictionary<(string UserId, string ClientId), long> ByClientId { get; } = [];

        /// <summary>The seq each change touched; change n is at index n - 1.</summary>
        public List<long> Changes { get; } = [];
    }
}
