using Chat.Contracts;

namespace Chat.Client.Rest;

public sealed partial class ChatRestClient
{
    /// <summary>
    /// <c>GET /chat/search</c>: messages matching <paramref name="q"/>, newest first, in <paramref name="roomId"/> or in
    /// every room the caller may read. Page on with <paramref name="beforeSeq"/> (one room) or the previous page's
    /// <see cref="SearchResultsDto.NextCursor"/> as <paramref name="cursor"/>.
    /// </summary>
    public Task<SearchResultsDto> SearchMessagesAsync(
        string q, string? roomId = null, int? limit = null, long? beforeSeq = null, string? cursor = null, CancellationToken cancellationToken = default)
    {
        var query = string.Join('&', new[]
        {
            $"q={Uri.EscapeDataString(q)}",
            roomId is null ? null : $"roomId={Uri.EscapeDataString(roomId)}",
            limit is { } count ? $"limit={count}" : null,
            beforeSeq is { } before ? $"beforeSeq={before}" : null,
            cursor is null ? null : $"cursor={Uri.EscapeDataString(cursor)}",
        }.OfType<string>());
        return SendAsync<SearchResultsDto>(HttpMethod.Get, "chat/search?" + query, null, cancellationToken);
    }
}
