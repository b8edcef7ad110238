using Chat.Attachments;
using Chat.Messages;

namespace Chat.Gateway.Application;

public partial interface IChatApplication
{
    /// <summary>
    /// Stores an upload of the caller (see <see cref="Attachments.UploadAttachment"/>): its content type comes from its
    /// bytes; until a message of the caller carries it, only the caller can read it.
    /// </summary>
    Task<AttachmentInfo> UploadAttachmentAsync(Caller caller, string? fileName, Stream content, CancellationToken cancellationToken = default);

    /// <summary>
    /// An attachment the caller may read: one posted in a room the caller may read, or the caller's own upload not
    /// posted yet. Anything else — unknown, still uploading, someone else's — is NotFound.
    /// </summary>
    Task<StoredAttachment> GetAttachmentAsync(Caller caller, string? id, CancellationToken cancellationToken = default);

    /// <summary>Chunk <paramref name="index"/> of an attachment returned by <see cref="GetAttachmentAsync"/>; null after the last.</summary>
    Task<byte[]?> ReadAttachmentChunkAsync(string id, int index, CancellationToken cancellationToken = default);

    /// <summary>
    /// A send carrying the caller's uploads (<paramref name="attachmentIds"/>, at most 10): each must be a complete upload
    /// of the caller not posted to another room (else BadRequest, nothing stored). They are tied to the room first, so
    /// a retried send (same clientMessageId) claims them again harmlessly.
    /// </summary>
    Task<SendResult> SendMessageAsync(Caller caller, string? roomId, string? content, string? clientMessageId, IReadOnlyList<string>? attachmentIds, CancellationToken cancellationToken = default);
}
