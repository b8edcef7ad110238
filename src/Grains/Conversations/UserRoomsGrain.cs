using System.Collections.Immutable;
using Chat.Conversations;
using Chat.Errors;
using Chat.Grains.Storage;
using Chat.Rooms;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Chat.Grains.Conversations;

/// <summary>
/// A user's rooms and read state (<see cref="IUserRoomsGrain"/>). Each change is written, then published on the user's
/// stream; a failed publish is logged, never thrown (the list the client reloads is the truth).
/// </summary>
public sealed partial class UserRoomsGrain(
    [PersistentState("rooms", ChatStorage.GrainState)] IPersistentState<UserRoomsState> state,
    TimeProvider time,
    ILogger<UserRoomsGrain> logger) : Grain, IUserRoomsGrain
{
    /// <summary>Unread mentions counted per room; beyond it the count stays at the cap until read.</summary>
    public const int MaxUnreadMentions = 999;

    private IAsyncStream<UserEvent> _events = null!;

    private string UserId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _events = this.GetStreamProvider(ChatStreams.ProviderName).GetStream<UserEvent>(StreamId.Create(UserStreams.Namespace, UserId));
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<RoomReadState>> GetReadStates() =>
        Task.FromResult(state.State.Rooms.Select(ToReadState).ToImmutableArray());

    public async Task Added(RoomSummary room, long readFrom)
    {
        var membership = Find(room.Room.Id);
        if (membership is null)
        {
            membership = new Membership { RoomId = room.Room.Id, LastReadSeq = readFrom, JoinedAt = time.GetUtcNow().ToUnixTimeMilliseconds() };
            state.State.Rooms.Add(membership);
            await state.WriteStateAsync();
            LogAdded(logger, UserId, room.Room.Id);
            await PublishAsync(new UserEvent(UserEventKind.RoomAdded, UserId, room.Room.Id, new RoomListing(room, ToReadState(membership)), null));
        }
    }

    public async Task Removed(string roomId)
    {
        var membership = Find(roomId);
        if (membership is not null)
        {
            state.State.Rooms.Remove(membership);
            await state.WriteStateAsync();
            LogRemoved(logger, UserId, roomId);
        }
        // Published even when the user was no member here (an interrupted earlier removal): devices may still list it.
        await PublishAsync(new UserEvent(UserEventKind.RoomRemoved, UserId, roomId, null, null));
    }

    public async Task Updated(RoomSummary room)
    {
        if (Find(room.Room.Id) is { } membership)
        {
            await PublishAsync(new UserEvent(UserEventKind.RoomUpdated, UserId, room.Room.Id, new RoomListing(room, ToReadState(membership)), null));
        }
    }

    public async Task<RoomReadState> MarkRead(string roomId, long seq)
    {
        var membership = Find(roomId) ?? throw ChatException.Forbidden($"You are not a member of room '{roomId}': join it first.");
        if (seq <= membership.LastReadSeq)
        {
            return ToReadState(membership); // only forward: an older position from a slower device changes nothing
        }
        membership.LastReadSeq = seq;
        membership.UnreadMentions.RemoveAll(mention => mention <= seq);
        await state.WriteStateAsync();
        var read = ToReadState(membership);
        await PublishAsync(new UserEvent(UserEventKind.ReadUpdated, UserId, roomId, null, read));
        return read;
    }

    public async Task AddMention(string roomId, long seq)
    {
        if (Find(roomId) is not { } membership || seq <= membership.LastReadSeq
            || membership.UnreadMentions.Count >= MaxUnreadMentions || membership.UnreadMentions.Contains(seq))
        {
            return;
        }
        membership.UnreadMentions.Add(seq);
        membership.UnreadMentions.Sort();
        await state.WriteStateAsync();
    }

    private Membership? Find(string roomId) => state.State.Rooms.Find(m => m.RoomId == roomId);

    private static RoomReadState ToReadState(Membership membership) =>
        new(membership.RoomId, membership.LastReadSeq, membership.UnreadMentions.Count);

    private async Task PublishAsync(UserEvent userEvent)
    {
        try
        {
            await _events.OnNextAsync(userEvent);
        }
        catch (Exception exception)
        {
            LogPublishFailed(logger, exception, UserId, userEvent.Kind, userEvent.RoomId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} became a member of room {RoomId}")]
    private static partial void LogAdded(ILogger logger, string userId, string roomId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} is no longer a member of room {RoomId}")]
    private static partial void LogRemoved(ILogger logger, string userId, string roomId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId}: publishing {Kind} for room {RoomId} failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string userId, UserEventKind kind, string roomId);
}
