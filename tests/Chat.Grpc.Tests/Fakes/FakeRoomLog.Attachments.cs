using Chat.Attachments;
using Chat.Gateway.Application;
using Chat.Messages;

namespace Chat.Grpc.Tests.Fakes;

internal sealed partial class FakeRoomLog
{
    public Task<AttachmentInfo> UploadAttachmentAsync(Caller caller, string? fileName, Stream content, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<StoredAttachment> GetAttachmentAsync(Caller caller, string? id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<byte[]?> ReadAttachmentChunkAsync(string id, int index, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
