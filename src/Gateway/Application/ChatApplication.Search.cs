using System.Collections.Immutable;
using Chat.Conversations;
using Chat.Errors;
using Chat.Search;

namespace Chat.Gateway.Application;

public sealed partial class ChatApplication
{
    /// <summary>
    /// The input is checked before any grain call; the rooms searched are decided here, from the caller's access: the
    /// named room after the room grain's access check (a hidden room is NotFound, as everywhere), otherwise the
    /// caller's member rooms (<see cref="IUserRoomsGrain"/>) and every public room, which the store joins from the
    /// directory table itself (however many pages the directory has). A public room is closed to the users its owner
    /// removed, which only its room grain knows: results from a room the caller is not a member of are kept only when
    /// that grain lets the caller read it (one call per such room on the page).
    /// </summary>
    public async Task<SearchPage> SearchMessagesAsync(Caller caller, string? q, string? roomId, int? limit, long? beforeSeq, string? cursor, CancellationToken cancellationToken = default)
    {
        var query = SearchRules.Validate(q, roomId, limit, beforeSeq, cursor);
        if (roomId is not null)
        {
            await Room(roomId).GetInfo(caller.UserId).WaitAsync(cancellationToken);
            return await SearchGrain.Search(query).WaitAsync(cancellationToken);
        }
        var readStates = await cluster.GetGrain<IUserRoomsGrain>(caller.UserId).GetReadStates().WaitAsync(cancellationToken);
        ImmutableArray<string> memberRooms = [.. readStates.Select(room => room.RoomId)];
        var page = await SearchGrain.Search(query with { RoomIds = memberRooms, PublicRooms = true }).WaitAsync(cancellationToken);
        return await WithoutClosedRoomsAsync(caller, page, memberRooms.ToHashSet(StringComparer.Ordinal), cancellationToken);
    }

    private IMessageSearchGrain SearchGrain => cluster.GetGrain<IMessageSearchGrain>(0);

    /// <summary>The page without results from rooms outside <paramref name="memberRooms"/> that the caller may not read.</summary>
    private async Task<SearchPage> WithoutClosedRoomsAsync(Caller caller, SearchPage page, HashSet<string> memberRooms, CancellationToken cancellationToken)
    {
        var others = page.Results.Select(message => message.RoomId).Where(id => !memberRooms.Contains(id)).Distinct(StringComparer.Ordinal).ToArray();
        if (others.Length == 0)
        {
            return page;
        }
        var readable = await Task.WhenAll(others.Select(id => CanReadAsync(caller, id, cancellationToken)));
        var closed = others.Where((_, i) => !readable[i]).ToHashSet(StringComparer.Ordinal);
        return closed.Count == 0 ? page : page with { Results = page.Results.RemoveAll(message => closed.Contains(message.RoomId)) };
    }

    private async Task<bool> CanReadAsync(Caller caller, string roomId, CancellationToken cancellationToken)
    {
        try
        {
            await Room(roomId).GetInfo(caller.UserId).WaitAsync(cancellationToken);
            return true;
        }
        catch (ChatException exception) when (exception.Code == ChatErrorCode.NotFound)
        {
            return false;
        }
    }
}
