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

    /// <summary>The room's access check first: uploads are never tied to a room the caller cannot write to.</summary>
    private async Task<System.Collections.Immutable.ImmutableArray<AttachmentInfo>> ClaimAsync(
        Caller caller, string roomId, System.Collections.Immutable.ImmutableArray<string> ids, CancellationToken cancellationToken)
    {
        await Room(roomId).GetInfo(caller.UserId).WaitAsync(cancellationToken);
        return await AttachmentStore.Claim(ids, caller.UserId, roomId).WaitAsync(cancellationToken);
    }

    private IAttachmentsGrain AttachmentStore => cluster.GetGrain<IAttachmentsGrain>(0);
}
