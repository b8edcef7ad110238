using System.ComponentModel.DataAnnotations;

namespace Chat.Silo.Hosting;

/// <summary>When uploads that were never posted are deleted (configuration section <c>Chat:Attachments</c>).</summary>
public sealed class AttachmentCleanupOptions
{
    public const string Section = "Chat:Attachments";

    /// <summary>An upload not posted in a message within this time is deleted with its bytes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00", ErrorMessage = "Chat:Attachments:UnpostedMaxAge must be between 1 second and 30 days.")]
    public TimeSpan UnpostedMaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often each silo looks for such uploads.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Chat:Attachments:SweepInterval must be between 1 second and 1 day.")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);
}
