using System.Collections.Immutable;
using Chat.Attachments;
using Orleans.Concurrency;

namespace Chat.Grains.Attachments;

/// <summary>A stateless front to the attachment store: activations on every silo, each call on its own.</summary>
[StatelessWorker]
public sealed class AttachmentsGrain(IAttachmentStore store) : Grain, IAttachmentsGrain
{
    public Task Begin(StoredAttachment attachment, byte[] firstChunk) => store.BeginAsync(attachment, firstChunk);

    public Task Append(string id, int index, byte[] chunk) => store.AppendAsync(id, index, chunk);

    public Task Complete(string id, long size) => store.CompleteAsync(id, size);

    public Task<StoredAttachment?> Get(string id) => store.GetAsync(id);

    public Task<byte[]?> ReadChunk(string id, int index) => store.ReadChunkAsync(id, index);

    public Task<ImmutableArray<AttachmentInfo>> Claim(ImmutableArray<string> ids, string userId, string roomId) => store.ClaimAsync(ids, userId, roomId);

    public Task Delete(string id) => store.DeleteAsync(id);
}
