using Chat.Errors;
using Chat.Rooms;
using Chat.Users;

namespace Chat.Gateway.Application.Rooms;

/// <summary>One page of the rooms a caller may see, and the cursor of the next page (null on the last).</summary>
public sealed record RoomListing(IReadOnlyList<RoomInfo> Rooms, string? NextCursor);

/// <summary>
/// <c>GET /chat/rooms</c>: the public directory one page at a time (<see cref="IRoomDirectoryGrain.DefaultPageSize"/>
/// by default, at most <see cref="IRoomDirectoryGrain.MaxPageSize"/>), and, on the first page, the caller's private
/// rooms. A caller that does not page gets that first page, as before paging existed.
/// </summary>
public sealed class ListRooms(IClusterClient cluster)
{
    public async Task<RoomListing> HandleAsync(Caller caller, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1)
        {
            throw ChatException.BadRequest("limit must be at least 1.");
        }
        if (cursor is { Length: > 32 })
        {
            throw ChatException.BadRequest("cursor is not one this server handed out.");
        }
        var page = await cluster.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key)
            .GetPage(cursor, limit ?? IRoomDirectoryGrain.DefaultPageSize).WaitAsync(cancellationToken);
        var rooms = new List<RoomInfo>(page.Rooms);
        if (string.IsNullOrEmpty(cursor))
        {
            var privateIds = await cluster.GetGrain<IUserGrain>(caller.UserId).GetPrivateRooms().WaitAsync(cancellationToken);
            var privateRooms = await Task.WhenAll(privateIds.Select(id => TryGetRoomAsync(caller, id))).WaitAsync(cancellationToken);
            var seen = rooms.Select(room => room.Id).ToHashSet();
            rooms.AddRange(privateRooms.OfType<RoomInfo>().Where(room => seen.Add(room.Id)));
        }
        return new RoomListing(rooms, page.NextCursor);
    }

    private async Task<RoomInfo?> TryGetRoomAsync(Caller caller, string roomId)
    {
        try
        {
            return await cluster.GetGrain<IRoomGrain>(roomId).GetInfo(caller.UserId);
        }
        catch (ChatException exception) when (exception.Code == ChatErrorCode.NotFound)
        {
            return null;
        }
    }
}
