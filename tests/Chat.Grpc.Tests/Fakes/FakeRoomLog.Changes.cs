using System.Collections.Concurrent;
using Chat.Errors;
using Chat.Gateway.Application;
using Chat.Messages;

namespace Chat.Grpc.Tests.Fakes;

// The change feed of the fake application: changes committed by the test, read with the real paging rules.
internal sealed partial class FakeRoomLog
{
    private readonly ConcurrentDictionary<string, List<MessageChange>> _changes = new();

    /// <summary>Commits a change of message <paramref name="seq"/> (its content becomes <paramref name="content"/>); returns it.</summary>
    public MessageChange CommitChange(string roomId, long seq, string content)
    {
        var changes = _changes.GetOrAdd(roomId, _ => []);
        lock (changes)
        {
            var change = new MessageChange(changes.Count + 1, Message(roomId, seq) with { Content = content, EditedAt = changes.Count + 1 });
            changes.Add(change);
            return change;
        }
    }

    public Task<ChangePage> GetChangesAsync(Caller caller, string? roomId, long? afterChange, int? limit, CancellationToken cancellationToken = default)
    {
        ChatRules.ValidateRoomId(roomId);
        if (HiddenRooms.Contains(roomId))
        {
            throw ChatException.RoomNotFound(roomId);
        }
        var (after, clamped) = ChatRules.ValidateChanges(afterChange, limit);
        var changes = _changes.GetOrAdd(roomId, _ => []);
        lock (changes)
        {
            return Task.FromResult(new ChangePage([.. changes.Where(c => c.ChangeSeq > after).Take(clamped)], changes.Count));
        }
    }

    public Task<SendResult> SendMessageAsync(
        Caller caller, string? roomId, string? content, string? clientMessageId, long? replyToSeq, IReadOnlyList<string>? attachmentIds,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<ChatMessage> EditMessageAsync(Caller caller, string? roomId, long seq, string? content, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task DeleteMessageAsync(Caller caller, string? roomId, long seq, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task SetReactionAsync(Caller caller, string? roomId, long seq, string? emoji, bool on, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    private ChatMessage Message(string roomId, long seq)
    {
        var log = _rooms.GetOrAdd(roomId, _ => []);
        lock (log)
        {
            return log[(int)seq - 1];
        }
    }
}
