using System.Collections.Immutable;

namespace Chat.Attachments;

/// <summary>
/// The attachment store behind every gateway (a stateless worker over MySQL in production, memory in the embedded
/// default). Bytes travel in chunks of at most <see cref="AttachmentRules.ChunkBytes"/>, so no call carries a whole file.
/// </summary>
[Alias("chat.IAttachmentsGrain")]
public interface IAttachmentsGrain : IGrainWithIntegerKey
{
    /// <summary>Starts an upload (not complete, not posted) with its first chunk.</summary>
    [Alias("Begin")]
    Task Begin(StoredAttachment attachment, byte[] firstChunk);

    /// <summary>Stores chunk <paramref name="index"/> (1, 2, …) of an upload that is not complete yet.</summary>
    [Alias("Append")]
    Task Append(string id, int index, byte[] chunk);

    /// <summary>Marks an upload complete with its total size; only then can it be read or posted.</summary>
    [Alias("Complete")]
    Task Complete(string id, long size);

    [Alias("Get")]
    Task<StoredAttachment?> Get(string id);

    /// <summary>Chunk <paramref name="index"/> (0, 1, …) of a complete attachment, or null past the last.</summary>
    [Alias("ReadChunk")]
    Task<byte[]?> ReadChunk(string id, int index);

    /// <summary>
    /// Ties complete uploads of <paramref name="userId"/> to <paramref name="roomId"/> (again for the same room is fine:
    /// a retried send). BadRequest, changing nothing, for an id that is unknown, not complete, another user's, or
    /// posted to another room.
    /// </summary>
    [Alias("Claim")]
    Task<ImmutableArray<AttachmentInfo>> Claim(ImmutableArray<string> ids, string userId, string roomId);

    /// <summary>Removes an upload and its bytes (an aborted upload). Idempotent.</summary>
    [Alias("Delete")]
    Task Delete(string id);
}
