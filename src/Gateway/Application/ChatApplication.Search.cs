using Chat.Search;

namespace Chat.Gateway.Application;

public sealed partial class ChatApplication
{
    /// <summary>
    /// The input is checked before any grain call; the rooms searched are decided here, from the caller's access: the
    /// named room after the room grain's access check (a hidden room is NotFound, as everywhere), otherwise every room
    /// <see cref="ListRoomsAsync"/> gives the caller.
    /// </summary>
    public async Task<SearchPage> SearchMessagesAsync(Caller caller, string? q, string? roomId, int? limit, long? beforeSeq, string? cursor, CancellationToken cancellationToken = default)
    {
        var query = SearchRules.Validate(q, roomId, limit, beforeSeq, cursor);
        if (roomId is not null)
        {
            await Room(roomId).GetInfo(caller.UserId).WaitAsync(cancellationToken);
        }
        else
        {
            query = query with { RoomIds = [.. (await ListRoomsAsync(caller, cancellationToken)).Select(room => room.Id)] };
        }
        return query.RoomIds.IsEmpty
            ? new SearchPage([], null)
            : await cluster.GetGrain<IMessageSearchGrain>(0).Search(query).WaitAsync(cancellationToken);
    }
}
