using Chat.Search;

namespace Chat.Gateway.Application;

public partial interface IChatApplication
{
    /// <summary>
    /// Messages matching <paramref name="q"/> (English words, Chinese text), newest first, in <paramref name="roomId"/>
    /// or in every room the caller may read; never a deleted message. <paramref name="beforeSeq"/> pages within one
    /// room, <paramref name="cursor"/> (a previous page's <see cref="SearchPage.Next"/>) across rooms.
    /// </summary>
    Task<SearchPage> SearchMessagesAsync(Caller caller, string? q, string? roomId, int? limit, long? beforeSeq, string? cursor, CancellationToken cancellationToken = default);
}
