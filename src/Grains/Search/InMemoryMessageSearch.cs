using Chat.Grains.Storage;
using Chat.Messages;
using Chat.Search;

namespace Chat.Grains.Search;

/// <summary>
/// The embedded default's search: a scan of the in-memory log's rooms, newest first, with the same terms and
/// matching as the MySQL index (so both answer the same query alike). Fine for one machine's memory; the production
/// profile uses the index. Public rooms are those <paramref name="directory"/> lists now.
/// </summary>
public sealed class InMemoryMessageSearch(InMemoryMessageLog log, IRoomDirectoryStore directory) : IMessageSearch
{
    public async Task<SearchPage> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var parsed = ParsedSearch.Parse(query.Text);
        var rooms = new HashSet<string>(query.RoomIds, StringComparer.Ordinal);
        if (query.PublicRooms)
        {
            rooms.UnionWith((await directory.PageAsync(0, int.MaxValue, cancellationToken)).Select(listed => listed.Room.Id));
        }
        var candidates = new List<ChatMessage>();
        foreach (var roomId in rooms)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var messages = log.Snapshot(roomId);
            var found = 0;
            // A room's messages ascend by seq (and by time): walking back, the first limit + 1 hits are its newest.
            for (var i = messages.Count - 1; i >= 0 && found <= query.Limit; i--)
            {
                var message = messages[i];
                if ((query.Before is null || query.Before.IsBefore(message, query.WithinOneRoom)) && parsed.Matches(message.Content))
                {
                    candidates.Add(message);
                    found++;
                }
            }
        }
        candidates.Sort((a, b) => SearchPaging.Compare(a, b, query.WithinOneRoom));
        return SearchPaging.Cut(candidates.Take(query.Limit + 1).ToList(), query, parsed);
    }
}
