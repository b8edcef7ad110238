using System.Collections.Immutable;
using System.Globalization;
using Chat.Errors;
using Chat.Grains.Storage;
using Chat.Rooms;

namespace Chat.Grains.Rooms;

/// <summary>
/// Wave 1 kept the directory in this grain's state, one blob rewritten whole on every add. Read only to move its rooms
/// into the rows of <see cref="IRoomDirectoryStore"/> once, then emptied.
/// </summary>
[GenerateSerializer, Alias("chat.RoomDirectoryState")]
public sealed class RoomDirectoryState
{
    [Id(0)]
    public List<RoomInfo> Rooms { get; set; } = [];
}

/// <summary>
/// The public rooms, in the order they were listed, stored as rows (<see cref="IRoomDirectoryStore"/>) and read in
/// pages: adding a room writes one row, listing reads one page, whatever the number of rooms. The cursor is the
/// position of the last room of the previous page (opaque to clients), so pages neither skip nor repeat a room when
/// rooms are added meanwhile.
/// </summary>
public sealed class RoomDirectoryGrain(
    [PersistentState("directory", ChatStorage.GrainState)] IPersistentState<RoomDirectoryState> state,
    IRoomDirectoryStore store) : Grain, IRoomDirectoryGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Rooms.Count > 0)
        {
            foreach (var room in state.State.Rooms)
            {
                await store.AddAsync(room, cancellationToken);
            }
            await state.ClearStateAsync(cancellationToken);
        }
    }

    public Task Add(RoomInfo room) => store.AddAsync(room);

    /// <summary>The row is an upsert keyed by room id: a rename keeps the room's place in the listing.</summary>
    public Task Update(RoomInfo room) => room.IsPublic ? store.AddAsync(room) : store.RemoveAsync(room.Id);

    public Task Remove(string roomId) => store.RemoveAsync(roomId);

    public async Task<ImmutableArray<RoomInfo>> GetPublicRooms() => (await GetPage(null, IRoomDirectoryGrain.DefaultPageSize)).Rooms;

    public async Task<RoomPage> GetPage(string? cursor, int limit)
    {
        var after = ParseCursor(cursor);
        var size = Math.Clamp(limit, 1, IRoomDirectoryGrain.MaxPageSize);
        // One more than asked tells whether another page follows without a second query.
        var rows = await store.PageAsync(after, size + 1);
        var page = rows.Take(size).ToList();
        var next = rows.Count > size ? page[^1].Position.ToString(CultureInfo.InvariantCulture) : null;
        return new RoomPage([.. page.Select(row => row.Room)], next);
    }

    private static long ParseCursor(string? cursor) =>
        string.IsNullOrEmpty(cursor) ? 0
        : long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position >= 0 ? position
        : throw ChatException.BadRequest("cursor is not one this server handed out (use nextCursor from the previous page).");
}
