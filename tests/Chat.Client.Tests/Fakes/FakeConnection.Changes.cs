using Chat.Client.Connection;
using Chat.Contracts;

namespace Chat.Client.Tests.Fakes;

// Replies, edits, deletions and reactions are not part of these fakes' scenarios; the change feed is.
internal sealed partial class FakeConnection
{
    public void PushUpdate(MessageUpdatedDto update)
    {
        if (!Closed.IsCompleted)
        {
            events.OnMessageUpdated(update);
        }
    }

    public Task<ChangesDto> GetChangesAsync(string roomId, long afterChange, int limit, CancellationToken cancellationToken) =>
        Run("GetChanges", () => server.ReadChanges(roomId, afterChange, limit));

    public Task<MessageDto> EditMessageAsync(string roomId, long seq, string content, CancellationToken cancellationToken) =>
        Run("EditMessage", () =>
        {
            server.Edit(roomId, seq, content);
            return server.History(roomId)[(int)seq - 1];
        });

    public Task<MessageDto> SendReplyAsync(string roomId, string content, string clientMessageId, long replyToSeq, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task DeleteMessageAsync(string roomId, long seq, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task SetReactionAsync(string roomId, long seq, string emoji, bool on, CancellationToken cancellationToken) => throw new NotSupportedException();
}
