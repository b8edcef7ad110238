using System.Net.Http.Headers;
using System.Net.Http.Json;
using Chat.Contracts;

namespace Chat.Client.Rest;

public sealed partial class ChatRestClient
{
    /// <summary><c>POST /chat/attachments</c>: uploads a file; post it with <see cref="SendMessageAsync(string, string, IReadOnlyList{string}, string?, CancellationToken)"/>.</summary>
    public async Task<AttachmentDto> UploadAttachmentAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_endpoints[Volatile.Read(ref _preferred)], "chat/attachments")) { Content = form };
        if (AccessToken is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ToExceptionAsync(response, cancellationToken);
        }
        return await response.Content.ReadFromJsonAsync<AttachmentDto>(Json, cancellationToken)
            ?? throw new ChatClientException(ChatError.Internal, "POST /chat/attachments: empty answer.");
    }

    /// <summary>Sends a message carrying uploads of this user (at most 10).</summary>
    public async Task<(MessageDto Message, bool Created)> SendMessageAsync(
        string roomId, string content, IReadOnlyList<string> attachmentIds, string? clientMessageId = null, CancellationToken cancellationToken = default)
    {
        clientMessageId ??= ChatClient.NewClientMessageId();
        var (message, status) = await SendCoreAsync<MessageDto>(
            HttpMethod.Post, "chat/messages", new SendMessageRequest(roomId, content, clientMessageId, AttachmentIds: attachmentIds), cancellationToken);
        return (message, status == System.Net.HttpStatusCode.Created);
    }
}
