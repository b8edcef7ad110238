using Chat.Contracts;

namespace Chat.Client.Rest;

// Replies, edits, deletions, reactions and the per-room change feed over REST (docs/PROTOCOL.md), with the same shapes
// as ChatClient's hub methods; a refusal is a ChatClientException whose Error comes from the HTTP status, as everywhere
// in this client.
public sealed partial class ChatRestClient
{
    /// <summary>
    /// Sends a message answering message <paramref name="replyToSeq"/>; <c>Created</c> is false when the client message
    /// id was already stored (the original is returned), as for <see cref="SendMessageAsync"/>.
    /// </summary>
    public async Task<(MessageDto Message, bool Created)> ReplyAsync(
        string roomId, long replyToSeq, string content, string? clientMessageId = null, CancellationToken cancellationToken = default)
    {
        var request = new SendMessageRequest(roomId, content, clientMessageId ?? ChatClient.NewClientMessageId(), replyToSeq);
        var (message, status) = await SendCoreAsync<MessageDto>(HttpMethod.Post, "chat/messages", request, cancellationToken);
        return (message, status == System.Net.HttpStatusCode.Created);
    }

    /// <summary><c>PATCH …/messages/{seq}</c>: replaces the content of one of the caller's messages; returns it as it is now.</summary>
    public Task<MessageDto> EditMessageAsync(string roomId, long seq, string content, CancellationToken cancellationToken = default) =>
        SendAsync<MessageDto>(HttpMethod.Patch, MessagePath(roomId, seq), new EditMessageRequest(content), cancellationToken);

    /// <summary><c>DELETE …/messages/{seq}</c>: deletes a message (the caller's, or any in a room the caller owns). Idempotent.</summary>
    public Task DeleteMessageAsync(string roomId, long seq, CancellationToken cancellationToken = default) =>
        SendAsync<object?>(HttpMethod.Delete, MessagePath(roomId, seq), null, cancellationToken);

    /// <summary><c>PUT …/reactions/{emoji}</c>: adds the caller's reaction. Idempotent.</summary>
    public Task AddReactionAsync(string roomId, long seq, string emoji, CancellationToken cancellationToken = default) =>
        SendAsync<object?>(HttpMethod.Put, ReactionPath(roomId, seq, emoji), null, cancellationToken);

    /// <summary><c>DELETE …/reactions/{emoji}</c>: removes the caller's reaction. Idempotent.</summary>
    public Task RemoveReactionAsync(string roomId, long seq, string emoji, CancellationToken cancellationToken = default) =>
        SendAsync<object?>(HttpMethod.Delete, ReactionPath(roomId, seq, emoji), null, cancellationToken);

    /// <summary><c>GET …/changes</c>: a page of the room's change feed (changes after <paramref name="afterChange"/>, ascending).</summary>
    public Task<ChangesDto> GetChangesAsync(string roomId, long afterChange = 0, int? limit = null, CancellationToken cancellationToken = default) =>
        SendAsync<ChangesDto>(
            HttpMethod.Get,
            $"{RoomPath(roomId)}/changes?afterChange={afterChange}" + (limit is { } count ? $"&limit={count}" : ""),
            null,
            cancellationToken);

    private static string MessagePath(string roomId, long seq) => $"{RoomPath(roomId)}/messages/{seq}";

    private static string ReactionPath(string roomId, long seq, string emoji) => $"{MessagePath(roomId, seq)}/reactions/{Uri.EscapeDataString(emoji)}";
}
