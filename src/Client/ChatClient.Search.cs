using Chat.Contracts;

namespace Chat.Client;

public sealed partial class ChatClient
{
    /// <summary>Searches messages (see <see cref="Rest.ChatRestClient.SearchMessagesAsync"/>) with this client's token.</summary>
    public Task<SearchResultsDto> SearchMessagesAsync(
        string q, string? roomId = null, int? limit = null, long? beforeSeq = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        Rest.SearchMessagesAsync(q, roomId, limit, beforeSeq, cursor, cancellationToken);
}
