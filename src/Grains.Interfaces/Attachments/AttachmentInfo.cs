namespace Chat.Attachments;

/// <summary>
/// An uploaded file as messages and clients see it. <see cref="ContentType"/> was derived from the bytes, never taken
/// from the uploader; <see cref="Width"/> and <see cref="Height"/> are set for images whose header gives them.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.AttachmentInfo")]
public sealed record AttachmentInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string FileName,
    [property: Id(2)] string ContentType,
    [property: Id(3)] long Size,
    [property: Id(4)] int? Width,
    [property: Id(5)] int? Height)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}

/// <summary>
/// An attachment as stored: who uploaded it, when, and the room it was posted in (null until a message carries it).
/// <see cref="Complete"/> is false while its bytes are still arriving.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.StoredAttachment")]
public sealed record StoredAttachment(
    [property: Id(0)] AttachmentInfo Info,
    [property: Id(1)] string UploaderId,
    [property: Id(2)] string? RoomId,
    [property: Id(3)] long CreatedAt,
    [property: Id(4)] bool Complete);
