using System.Collections.Immutable;
using Chat.Errors;
using Chat.Grains.Observability;
using Chat.Grains.Storage;
using Chat.Messages;
using Chat.Rooms;
using Chat.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Chat.Grains.Rooms;

/// <summary>
/// A room: metadata and access, presence, and the gateways' view of it. Its messages (seq, cache, group commit) are
/// kept by <see cref="RoomMessageLog"/>, its stream by <see cref="RoomEventPublisher"/>. Reentrant so that sends
/// arriving while a write is in flight join the next batch; every await point leaves the in-memory state consistent.
/// </summary>
[Reentrant]
public sealed partial class RoomGrain(
    [PersistentState("room", ChatStorage.GrainState)] IPersistentState<RoomState> state,
    IMessageLog log,
    IOptions<RoomOptions> options,
    TimeProvider time,
    ChatGrainMetrics metrics,
    IRoomDirectoryStore directory,
    ILogger<RoomGrain> logger) : Grain, IRoomGrain
{
    private readonly Guid _epoch = Guid.NewGuid();
    private readonly RoomPresence _presence = new();
    private readonly SemaphoreSlim _stateWrite = new(1, 1);
    private RoomEventPublisher _events = null!;
    private RoomMessageLog _messages = null!;
    private RoomMessageChanges _changes = null!;

    private string RoomId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        metrics.RoomActivated();
        var stream = this.GetStreamProvider(ChatStreams.ProviderName)
            .GetStream<RoomEvent>(StreamId.Create(ChatStreams.RoomNamespace, RoomId));
        _events = new RoomEventPublisher(stream, RoomId, _epoch, logger);
        _messages = new RoomMessageLog(RoomId, _epoch, log, options.Value, time, metrics, _events.PublishBatch, DeactivateOnIdle, logger);
        _changes = new RoomMessageChanges(RoomId, log, _messages, _events, options.Value, time, DeactivateOnIdle, logger);
        if (state.State.Info is not null)
        {
            await _messages.LoadAsync(cancellationToken);
            await _changes.LoadAsync(cancellationToken);
            PublishMemberCount();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.RoomDeactivated();
        return Task.CompletedTask;
    }

    public Task<RoomInfo> Create(NewRoom room) => CreateCore(room, failIfExists: true);

    public Task<RoomInfo> EnsureCreated(NewRoom room) => CreateCore(room, failIfExists: false);

    public Task<RoomInfo> GetInfo(string userId) => Task.FromResult(RequireAccess(userId));

    public async Task AddMember(string callerId, string memberUserId)
    {
        var info = RequireAccess(callerId);
        if (info.OwnerId != callerId)
        {
            throw ChatException.Forbidden("Only the room's owner can add members.");
        }
        if (state.State.Members.Contains(memberUserId))
        {
            return; // adding twice changes nothing
        }
        await _stateWrite.WaitAsync();
        try
        {
            state.State.Members.Add(memberUserId);
            state.State.Removed.Remove(memberUserId); // the owner's own choice undoes an earlier removal
            await state.WriteStateAsync();
        }
        finally
        {
            _stateWrite.Release();
        }
        PublishMemberCount();
        await AnnounceMemberAsync(memberUserId);
        LogMemberAdded(logger, RoomId, memberUserId, callerId);
    }

    public async Task<SendResult> Send(PostMessage message)
    {
        RequireAccess(message.UserId);
        var content = ChatRules.ValidateContent(message.Content);
        var clientId = ChatRules.ValidateClientMessageId(message.ClientMessageId);
        var mentions = await FindMentionsAsync(content, message.UserId);
        var pending = new PendingMessage(message.UserId, message.Username, content, clientId, time.GetUtcNow().ToUnixTimeMilliseconds(), mentions)
        {
            ReplyTo = await ReplyToAsync(message.ReplyToSeq),
            Attachments = message.Attachments.IsDefault ? [] : message.Attachments,
        };
        var result = await _messages.SendAsync(pending, message.OriginConnectionId);
        if (result.Created)
        {
            await CountMentionsAsync(result.Message);
        }
        return result;
    }

    public async Task<ImmutableArray<ChatMessage>> GetMessages(string userId, HistoryQuery query)
    {
        RequireAccess(userId);
        return await _messages.ReadAsync(query);
    }

    /// <summary>
    /// Registers before it publishes: a gateway whose call times out after this point cannot know whether the room
    /// counts the connection, so it leaves and syncs (the gateway's side of issue #19, point 2).
    /// </summary>
    public async Task<JoinResult> Join(ConnectionPresence connection)
    {
        var info = RequireAccess(connection.UserId);
        if (_presence.Add(connection) is { } joined)
        {
            await _events.PublishPresence(RoomEventKind.UserJoined, joined);
        }
        return new JoinResult(info, _presence.OnlineUsers, _messages.LastSeq) { LastChangeSeq = _changes.LastChangeSeq };
    }

    public async Task Leave(string gatewayId, string connectionId)
    {
        if (_presence.Remove(gatewayId, connectionId) is { } left)
        {
            await _events.PublishPresence(RoomEventKind.UserLeft, left);
        }
    }

    public Task<ImmutableArray<OnlineUser>> GetOnlineUsers(string userId)
    {
        RequireAccess(userId);
        return Task.FromResult(_presence.OnlineUsers);
    }

    public async Task DropGateway(string gatewayId)
    {
        var left = _presence.RemoveGateway(gatewayId);
        LogGatewayDropped(logger, RoomId, gatewayId, left.Count);
        await _events.PublishPresence(RoomEventKind.UserLeft, left);
    }

    public async Task<Guid> SyncGateway(string gatewayId, ImmutableArray<ConnectionPresence> connections)
    {
        // Only connections whose user may still enter the room are taken back.
        var allowed = connections.Where(c => HasAccess(c.UserId));
        var (joined, left) = _presence.ReplaceGateway(gatewayId, allowed);
        await _events.PublishPresence(RoomEventKind.UserJoined, joined);
        await _events.PublishPresence(RoomEventKind.UserLeft, left);
        return _epoch;
    }

    public Task<Guid> GetEpoch() => Task.FromResult(_epoch);

    private async Task<RoomInfo> CreateCore(NewRoom room, bool failIfExists)
    {
        ChatRules.ValidateRoomId(RoomId);
        var name = ChatRules.ValidateRoomName(room.Name);
        var description = ChatRules.ValidateRoomDescription(room.Description);
        RoomInfo info;
        await _stateWrite.WaitAsync();
        try
        {
            if (state.State.Info is { } existing)
            {
                return failIfExists ? throw ChatException.Conflict($"Room '{RoomId}' already exists.") : CurrentInfo(existing);
            }
            if (DirectRooms.IsDirectId(RoomId))
            {
                throw ChatException.BadRequest($"Room ids starting with '{DirectRooms.IdPrefix}' are reserved for direct messages.");
            }
            var kind = room.IsPublic ? RoomKind.Public : RoomKind.Private;
            info = new RoomInfo(RoomId, name, description, room.IsPublic, room.CreatedBy, time.GetUtcNow().ToUnixTimeMilliseconds(), kind, room.CreatedBy);
            state.State.Info = info;
            // The creator owns the room and is its first member (the system's default rooms have no member to start with).
            state.State.Members = room.CreatedBy == SystemUserId ? [] : [room.CreatedBy];
            await state.WriteStateAsync();
        }
        finally
        {
            _stateWrite.Release();
        }

        await _messages.LoadAsync(CancellationToken.None);
        await _changes.LoadAsync(CancellationToken.None);
        info = CurrentInfo(info);
        if (info.IsPublic)
        {
            await GrainFactory.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).Add(info);
        }
        if (info.CreatedBy != SystemUserId)
        {
            await AnnounceMemberAsync(info.CreatedBy);
        }
        LogRoomCreated(logger, RoomId, info.IsPublic, info.CreatedBy);
        return info;
    }

    private RoomInfo RequireAccess(string userId) =>
        state.State.Info is { } info && HasAccess(userId) ? CurrentInfo(info) : throw ChatException.RoomNotFound(RoomId);

    /// <summary>A public room is open to all but the users its owner removed; any other room to its members only.</summary>
    private bool HasAccess(string userId) =>
        state.State.Info is { } info && !state.State.Deleted
        && ((info.IsPublic && !state.State.Removed.Contains(userId)) || state.State.Members.Contains(userId));

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomId} created (public: {IsPublic}) by {UserId}")]
    private static partial void LogRoomCreated(ILogger logger, string roomId, bool isPublic, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomId}: {CallerId} added member {MemberId}")]
    private static partial void LogMemberAdded(ILogger logger, string roomId, string memberId, string callerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomId}: gateway {GatewayId} dropped, {UsersLeft} users went offline")]
    private static partial void LogGatewayDropped(ILogger logger, string roomId, string gatewayId, int usersLeft);
}
