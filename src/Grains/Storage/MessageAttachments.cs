using System.Collections.Immutable;
using System.Text.Json;
using Chat.Attachments;

namespace Chat.Grains.Storage;

/// <summary>
/// A message's attachments in its row (<c>messages.attachments</c>, migration 62): JSON of <see cref="AttachmentInfo"/>,
/// NULL when there are none. Written once with the row; attachments never change after the send.
/// </summary>
internal static class MessageAttachments
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static object ToColumn(ImmutableArray<AttachmentInfo> attachments) =>
        attachments.IsDefaultOrEmpty ? DBNull.Value : JsonSerializer.Serialize(attachments, Json);

    public static ImmutableArray<AttachmentInfo> FromColumn(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<ImmutableArray<AttachmentInfo>>(json, Json);
}
