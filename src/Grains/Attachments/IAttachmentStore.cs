using System.Collections.Immutable;
using Chat.Attachments;

namespace Chat.Grains.Attachments;

/// <summary>
/// Where attachments live: MySQL (rows of at most 256 KiB in <c>attachment_chunks</c>) in production, memory in the
/// embedded default; an S3-compatible store would fit the same seam. Guarantees: a chunk is durable when its call
/// returns; <see cref="ClaimAsync"/> is atomic (all ids or none).
/// </summary>
public interface IAttachmentStore
{
    Task BeginAsync(StoredAttachment attachment, byte[] firstChunk, CancellationToken cancellationToken = default);

    Task AppendAsync(string id, int index, byte[] chunk, CancellationToken cancellationToken = default);

    Task CompleteAsync(string id, long size, CancellationToken cancellationToken = default);

    Task<StoredAttachment?> GetAsync(string id, CancellationToken cancellationToken = default);

    Task<byte[]?> ReadChunkAsync(string id, int index, CancellationToken cancellationToken = default);

    Task<ImmutableArray<AttachmentInfo>> ClaimAsync(ImmutableArray<string> ids, string userId, string roomId, CancellationToken cancellationToken = default);

    Task DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Deletes uploads never posted to a room that were started before <paramref name="createdBefore"/> (ms); returns how many.</summary>
    Task<int> DeleteUnpostedAsync(long createdBefore, CancellationToken cancellationToken = default);
}
