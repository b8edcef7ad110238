using Chat.Contracts;
using Chat.Gateway.Mapping;

namespace Chat.Gateway.Hubs;

public sealed partial class ChatHub
{
    /// <summary><c>SendMessage</c> carrying the caller's uploads (ids from <c>POST /chat/attachments</c>).</summary>
    public async Task<MessageDto> SendWithAttachments(string roomId, string content, string? clientMessageId, string[]? attachmentIds) =>
        (await chat.SendMessageAsync(Caller, roomId, content, clientMessageId, replyToSeq: null, attachmentIds, Context.ConnectionAborted)).Message.ToDto();
}
