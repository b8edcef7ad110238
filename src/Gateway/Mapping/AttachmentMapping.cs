using Chat.Attachments;
using Chat.Contracts;

namespace Chat.Gateway.Mapping;

/// <summary>Attachments in their public shape.</summary>
public static class AttachmentMapping
{
    public static AttachmentDto ToDto(this AttachmentInfo a) => new(a.Id, a.FileName, a.ContentType, a.Size, a.Width, a.Height);

    public static AttachmentDto[] ToDtos(this System.Collections.Immutable.ImmutableArray<AttachmentInfo> attachments) =>
        attachments.IsDefaultOrEmpty ? [] : [.. attachments.Select(ToDto)];
}
