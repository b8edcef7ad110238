using Chat.Attachments;
using Chat.Errors;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Application.Attachments;

/// <summary>
/// Stores one upload: the bytes are read in chunks of <see cref="AttachmentRules.ChunkBytes"/> and written to the
/// attachment store as they come (a file is never held whole in memory); the content type and an image's dimensions
/// come from the first chunk (<see cref="ContentSniffer"/>). Past <see cref="AttachmentOptions.MaxBytes"/> the upload is
/// refused with PayloadTooLarge and what was stored of it is deleted; so is an upload whose reading fails.
/// </summary>
public sealed class UploadAttachment(IClusterClient cluster, IOptions<AttachmentOptions> options, TimeProvider time)
{
    public async Task<AttachmentInfo> HandleAsync(Caller caller, string? fileName, Stream content, CancellationToken cancellationToken)
    {
        var store = cluster.GetGrain<IAttachmentsGrain>(0);
        var max = options.Value.MaxBytes;
        var first = await ReadChunkAsync(content, cancellationToken);
        if (first.Length == 0)
        {
            throw ChatException.BadRequest("The file is empty.");
        }
        if (first.Length > max)
        {
            throw new ChatException(ChatErrorCode.PayloadTooLarge, $"The file is larger than the limit of {max} bytes.");
        }
        var (contentType, width, height) = ContentSniffer.Sniff(first);
        var info = new AttachmentInfo(AttachmentRules.NewId(), AttachmentRules.CleanFileName(fileName), contentType, first.Length, width, height);
        await store.Begin(new StoredAttachment(info, caller.UserId, null, time.GetUtcNow().ToUnixTimeMilliseconds(), Complete: false), first)
            .WaitAsync(cancellationToken);
        try
        {
            long size = first.Length;
            for (var index = 1; ; index++)
            {
                var chunk = await ReadChunkAsync(content, cancellationToken);
                if (chunk.Length == 0)
                {
                    break;
                }
                size += chunk.Length;
                if (size > max)
                {
                    throw new ChatException(ChatErrorCode.PayloadTooLarge, $"The file is larger than the limit of {max} bytes.");
                }
                await store.Append(info.Id, index, chunk).WaitAsync(cancellationToken);
            }
            await store.Complete(info.Id, size).WaitAsync(cancellationToken);
            return info with { Size = size };
        }
        catch
        {
            await store.Delete(info.Id);
            throw;
        }
    }

    /// <summary>The next chunk: full unless the stream ends first; empty at the end.</summary>
    private static async Task<byte[]> ReadChunkAsync(Stream content, CancellationToken cancellationToken)
    {
        var buffer = new byte[AttachmentRules.ChunkBytes];
        var filled = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return filled == buffer.Length ? buffer : buffer[..filled];
    }
}
