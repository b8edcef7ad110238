using Chat.Search;
using Orleans.Concurrency;

namespace Chat.Grains.Search;

/// <summary>A stateless front to the store's search: activations on every silo, each call on its own.</summary>
[StatelessWorker]
public sealed class MessageSearchGrain(IMessageSearch search) : Grain, IMessageSearchGrain
{
    public Task<SearchPage> Search(SearchQuery query) => search.SearchAsync(query);
}
