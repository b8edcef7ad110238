using Chat.Contracts;
using Chat.Errors;
using Chat.Gateway.Application;
using Chat.Gateway.Application.Attachments;
using Chat.Gateway.Hosting;
using Chat.Gateway.Mapping;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Chat.Gateway.Api;

/// <summary>
/// <c>/chat/attachments</c>: uploads (multipart field <c>file</c>, streamed in chunks to the store) and downloads with
/// headers that never let a browser treat the bytes as anything but their sniffed type.
/// </summary>
public static class AttachmentsApi
{
    /// <summary>Room for the multipart boundaries and part headers around the file.</summary>
    private const long MultipartOverhead = 64 * 1024;

    public static IEndpointRouteBuilder MapAttachmentsApi(this IEndpointRouteBuilder endpoints)
    {
        var attachments = endpoints.MapGroup("/chat/attachments").RequireAuthorization();
        attachments.MapPost("", Upload)
            .WithName("UploadAttachment")
            .WithSummary("Upload a file (multipart/form-data, field \"file\"; 10 MiB by default). Its content type is read from its bytes; images get width and height.")
            .ProducesProblems(400, 401, 413, 503);
        attachments.MapGet("/{id}", Download)
            .WithName("DownloadAttachment")
            .WithSummary("The bytes, for readers of the room it was posted in (before posting: its uploader only); 404 for anyone else.")
            .Produces(200, contentType: ContentSniffer.OctetStream)
            .ProducesProblems(401, 404, 503);
        return endpoints;
    }

    public static async Task<Created<AttachmentDto>> Upload(HttpContext context, IChatApplication chat, IOptions<AttachmentOptions> options)
    {
        var limit = options.Value.MaxBytes + MultipartOverhead;
        if (context.Request.ContentLength > limit)
        {
            throw new ChatException(ChatErrorCode.PayloadTooLarge, $"The file is larger than the limit of {options.Value.MaxBytes} bytes.");
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw ChatException.BadRequest("Send the file as multipart/form-data in a field named \"file\".");
        }
        var reader = new MultipartReader(boundary, context.Request.Body);
        while (await reader.ReadNextSectionAsync(context.RequestAborted) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && disposition.IsFileDisposition() && disposition.Name.Value == "file")
            {
                var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                var info = await chat.UploadAttachmentAsync(context.Caller(), name, section.Body, context.RequestAborted);
                return TypedResults.Created($"/chat/attachments/{info.Id}", info.ToDto());
            }
        }
        throw ChatException.BadRequest("The form has no file in a field named \"file\".");
    }

    public static async Task Download(string id, HttpContext context, IChatApplication chat)
    {
        var stored = await chat.GetAttachmentAsync(context.Caller(), id, context.RequestAborted);
        var response = context.Response;
        response.ContentType = stored.Info.ContentType;
        response.ContentLength = stored.Info.Size;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        response.Headers.CacheControl = "private, no-cache";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue(stored.Info.IsImage ? "inline" : "attachment")
        {
            FileNameStar = stored.Info.FileName,
        }.ToString();
        for (var index = 0; await chat.ReadAttachmentChunkAsync(stored.Info.Id, index, context.RequestAborted) is { } chunk; index++)
        {
            await response.Body.WriteAsync(chunk, context.RequestAborted);
        }
    }
}
