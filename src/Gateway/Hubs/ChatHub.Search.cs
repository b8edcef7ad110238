using Chat.Contracts;
using Chat.Gateway.Mapping;

namespace Chat.Gateway.Hubs;

public sealed partial class ChatHub
{
    /// <summary>As <c>GET /chat/search</c>: <c>{results, nextCursor?}</c>, newest first.</summary>
    public async Task<SearchResultsDto> SearchMessages(string q, string? roomId, int? limit, long? beforeSeq, string? cursor) =>
        (await chat.SearchMessagesAsync(Caller, q, roomId, limit, beforeSeq, cursor, Context.ConnectionAborted)).ToDto();
}
