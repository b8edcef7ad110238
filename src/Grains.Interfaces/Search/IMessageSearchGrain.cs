namespace Chat.Search;

/// <summary>
/// Full-text search over the message log (a stateless worker: any silo, any number of activations). It searches only
/// the rooms of the query — the gateway names the caller's member rooms and asks for the public directory's rooms too —
/// and never returns a message whose current text does not match (a deleted message has none).
/// </summary>
[Alias("chat.IMessageSearchGrain")]
public interface IMessageSearchGrain : IGrainWithIntegerKey
{
    [Alias("Search")]
    Task<SearchPage> Search(SearchQuery query);
}
