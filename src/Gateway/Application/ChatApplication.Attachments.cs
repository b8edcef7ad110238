using System.Diagnostics;
using Chat.Attachments;
using Chat.Errors;
using Chat.Messages;

namespace Chat.Gateway.Application;

public sealed partial class ChatApplication
{
    public Task<AttachmentInfo> UploadAttachmentAsync(Caller caller, string? fileName, Stream content, CancellationToken cancellationToken = default) =>
        uploadAttachment.HandleAsync(caller, fileName, content, cancellationToken);

    public async Task<StoredAttachment> GetAttachmentAsync(Caller caller, string? id, CancellationToken cancellationToken = default)
    {
        var stored = AttachmentRules.IsId(id)
            ? await AttachmentStore.Get(id!).WaitAsync(cancellationToken)
            : null;
        if (stored is not { Complete: true } || (stored.RoomId is null && stored.UploaderId != caller.UserId))
        {
            throw ChatException.NotFound("Attachment not found.");
        }
        if (stored.RoomId is { } roomId)
        {
            try
            {
                await Room(roomId).GetInfo(caller.UserId).WaitAsync(cancellationToken);
            }
            catch (ChatException exception) when (exception.Code == ChatErrorCode.NotFound)
            {
                throw ChatException.NotFound("Attachment not found."); // the room's existence is not revealed either
            }
        }
        return stored;
    }

    public Task<byte[]?> ReadAttachmentChunkAsync(string id, int index, CancellationToken cancellationToken = default) =>
        AttachmentStore.ReadChunk(id, index).WaitAsync(cancellationToken);

    /// <summary>The gateway's check of the input; the room grain checks it once more as the owner of the data.</summary>
    public async Task<SendResult> SendMessageAsync(
        Caller caller, string? roomId, string? content, string? clientMessageId, IReadOnlyList<string>? attachmentIds, CancellationToken cancellationToken = default)
    {
        metrics.MessageReceived(caller.Transport);
        var started = Stopwatch.GetTimestamp();
        ChatRules.ValidateRoomId(roomId);
        var text = ChatRules.ValidateContent(content);
        var id = ChatRules.ValidateClientMessageId(clientMessageId);
        var ids = AttachmentRules.ValidateIds(attachmentIds);
        var attachments = ids.IsEmpty ? [] : await ClaimAsync(caller, roomId, ids, cancellationToken);
        var result = await User(caller.UserId).SendMessage(roomId, text, id, caller.ConnectionId, attachments).WaitAsync(cancellationToken);
        metrics.RecordAckDuration(caller.Transport, Stopwatch.GetElapsedTime(started));
        return result;
    }

    /// <summary>The room's access check first: uploads are never tied to a room the caller cannot write to.</summary>
    private async Task<System.Collections.Immutable.ImmutableArray<AttachmentInfo>> ClaimAsync(
        Caller caller, string roomId, System.Collections.Immutable.ImmutableArray<string> ids, CancellationToken cancellationToken)
    {
        await Room(roomId).GetInfo(caller.UserId).WaitAsync(cancellationToken);
        return await AttachmentStore.Claim(ids, caller.UserId, roomId).WaitAsync(cancellationToken);
    }

    private IAttachmentsGrain AttachmentStore => cluster.GetGrain<IAttachmentsGrain>(0);
}
