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
}
