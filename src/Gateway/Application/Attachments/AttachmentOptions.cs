using System.ComponentModel.DataAnnotations;

namespace Chat.Gateway.Application.Attachments;

/// <summary>Uploads (configuration section <c>Attachments</c>).</summary>
public sealed class AttachmentOptions
{
    public const string SectionName = "Attachments";

    /// <summary>The largest file accepted; bigger uploads get 413 and nothing of them is kept.</summary>
    [Range(1024, 1L << 30)]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
}
