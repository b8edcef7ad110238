using Chat.Search;

namespace Chat.Grains.Search;

/// <summary>
/// The search side of the message log: the MySQL store (a FULLTEXT index over each message's tokens) or the embedded
/// default's memory. Guarantees of both: only the rooms of the query are searched; results are in result order
/// (<see cref="SearchPosition"/>) after the query's position; every result's current text matches the query.
/// </summary>
public interface IMessageSearch
{
    Task<SearchPage> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default);
}
