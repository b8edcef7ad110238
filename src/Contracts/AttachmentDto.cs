using System.Text.Json.Serialization;
using MessagePack;

namespace Chat.Contracts;

/// <summary>
/// An uploaded file (<c>POST /chat/attachments</c>'s answer, and each of a message's <c>attachments</c>).
/// <see cref="ContentType"/> was derived from the bytes; <see cref="Width"/>/<see cref="Height"/> are present for images.
/// </summary>
[MessagePackObject]
public sealed record AttachmentDto(
    [property: Key("id")] string Id,
    [property: Key("fileName")] string FileName,
    [property: Key("contentType")] string ContentType,
    [property: Key("size")] long Size,
    [property: Key("width"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Width,
    [property: Key("height"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Height);
