using Chat.Contracts;
using Chat.Gateway.Mapping;

namespace Chat.Gateway.Hubs;

// Editing, deleting, reacting, replying and the change feed on the hub (docs/PROTOCOL.md, "Editing, deleting, ...").
public sealed partial class ChatHub
{
    /// <summary><c>SendMessage</c> answering message <paramref name="replyToSeq"/> of the room (null: none).</summary>
    public async Task<MessageDto> SendReply(string roomId, string content, string? clientMessageId, long? replyToSeq) =>
        (await chat.SendMessageAsync(Caller, roomId, content, clientMessageId, replyToSeq, Context.ConnectionAborted)).Message.ToDto();

    public async Task<MessageDto> EditMessage(string roomId, long seq, string content) =>
        (await chat.EditMessageAsync(Caller, roomId, seq, content, Context.ConnectionAborted)).ToDto();

    public Task DeleteMessage(string roomId, long seq) => chat.DeleteMessageAsync(Caller, roomId, seq, Context.ConnectionAborted);

    public Task AddReaction(string roomId, long seq, string emoji) =>
        chat.SetReactionAsync(Caller, roomId, seq, emoji, on: true, Context.ConnectionAborted);

    public Task RemoveReaction(string roomId, long seq, string emoji) =>
        chat.SetReactionAsync(Caller, roomId, seq, emoji, on: false, Context.ConnectionAborted);

    public async Task<ChangesDto> GetChanges(string roomId, long? afterChange, int? limit) =>
        (await chat.GetChangesAsync(Caller, roomId, afterChange, limit, Context.ConnectionAborted)).ToDto();
}
