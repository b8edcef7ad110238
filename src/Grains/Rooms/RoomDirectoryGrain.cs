using System.Collections.Immutable;
using Chat.Grains.Storage;
using Chat.Rooms;

namespace Chat.Grains.Rooms;

/// <summary>The public rooms, in creation order.</summary>
[GenerateSerializer, Alias("chat.RoomDirectoryState")]
public sealed class RoomDirectoryState
{
    [Id(0)]
    public List<RoomInfo> Rooms { get; set; } = [];
}

public sealed class RoomDirectoryGrain(
    [PersistentState("directory", ChatStorage.GrainState)] IPersistentState<RoomDirectoryState> state) : Grain, IRoomDirectoryGrain
{
    public async Task Add(RoomInfo room)
    {
        if (state.State.Rooms.Exists(r => r.Id == room.Id))
        {
            return;
        }
        state.State.Rooms.Add(room);
        await state.WriteStateAsync();
    }

    public async Task Update(RoomInfo room)
    {
        var index = state.State.Rooms.FindIndex(r => r.Id == room.Id);
        if (index >= 0)
        {
            state.State.Rooms[index] = room;
            await state.WriteStateAsync();
        }
    }

    public async Task Remove(string roomId)
    {
        if (state.State.Rooms.RemoveAll(r => r.Id == roomId) > 0)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<ImmutableArray<RoomInfo>> GetPublicRooms() => Task.FromResult(state.State.Rooms.ToImmutableArray());
}
