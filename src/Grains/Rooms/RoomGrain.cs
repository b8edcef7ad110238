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
using Orleans.Streams;

namespace Chat.Grains.Rooms;

/// <summary>
/// A room: metadata and access, the gap-free seq, durable-before-ack sends with group commit, presence, and the
/// room's stream. Reentrant so that sends arriving while a write is in flight join the next batch; every await
/// point below leaves the in-memory state consistent.
/// </summary>
[Reentrant]
public sealed partial class RoomGrain(
    [PersistentState("room", ChatStorage.GrainState)] IPersistentState<RoomState> state,
    IMessageLog log,
    IOptions<RoomOptions> options,
    TimeProvider time,
    ChatGrainMetrics metrics,
    ILogger<RoomGrain> logger) : Grain, IRoomGrain
{
    private readonly Guid _epoch = Guid.NewGuid();
    private readonly RoomPresence _presence = new();
    private readonly MessageCache _cache = new(options.Value.CacheSize, options.Value.ClientIdWindow);
    private readonly List<PendingSend> _pending = [];
    private readonly SemaphoreSlim _stateWrite = new(1, 1);
    private IAsyncStream<RoomEvent> _stream = null!;
    private long _lastSeq;
    private bool _flushing;

    private string RoomId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        metrics.RoomActivated();
        _stream = this.GetStreamProvider(ChatStreams.ProviderName)
            .GetStream<RoomEvent>(StreamId.Create(ChatStreams.RoomNamespace, RoomId));
        if (state.State.Info is not null)
        {
            await LoadLogAsync(cancellationToken);
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
        if (info.CreatedBy != callerId)
        {
            throw ChatException.Forbidden("Only the room's creator can add members.");
        }
        if (info.IsPublic || state.State.Members.Contains(memberUserId))
        {
            return; // public rooms are open to everyone; adding twice changes nothing
        }
        await _stateWrite.WaitAsync();
        try
        {
            state.State.Members.Add(memberUserId);
            await state.WriteStateAsync();
        }
        finally
        {
            _stateWrite.Release();
        }
        await GrainFactory.GetGrain<IUserGrain>(memberUserId).AddPrivateRoom(RoomId);
        LogMemberAdded(logger, RoomId, memberUserId, callerId);
    }

    public async Task<SendResult> Send(PostMessage message)
    {
        RequireAccess(message.UserId);
        var content = ChatRules.ValidateContent(message.Content);
        var clientId = ChatRules.ValidateClientMessageId(message.ClientMessageId);

        if (clientId is not null)
        {
            if (_cache.TryGetSeq(message.UserId, clientId, out var seq))
            {
                return new SendResult(await MessageAt(seq), Created: false);
            }
            var inFlight = _pending.Find(p => p.Message.UserId == message.UserId && p.Message.ClientMessageId == clientId);
            if (inFlight is not null)
            {
                return (await inFlight.Completion.Task) with { Created = false };
            }
        }

        var pending = new PendingSend(
            new PendingMessage(message.UserId, message.Username, content, clientId, time.GetUtcNow().ToUnixTimeMilliseconds()),
            message.OriginConnectionId);
        _pending.Add(pending);
        if (!_flushing)
        {
            _flushing = true;
            _ = FlushAsync();
        }
        return await pending.Completion.Task;
    }

    public async Task<ImmutableArray<ChatMessage>> GetMessages(string userId, HistoryQuery query)
    {
        RequireAccess(userId);
        if (HistoryPage.CanServeFromCache(_cache.FirstSeq, _lastSeq, _cache.Count, query))
        {
            return HistoryPage.Select(_cache.Newest, query);
        }
        return await log.ReadAsync(RoomId, query);
    }

    public async Task<JoinResult> Join(ConnectionPresence connection)
    {
        var info = RequireAccess(connection.UserId);
        if (_presence.Add(connection) is { } joined)
        {
            await PublishPresence(RoomEventKind.UserJoined, joined);
        }
        return new JoinResult(info, _presence.OnlineUsers, _lastSeq);
    }

    public async Task Leave(string gatewayId, string connectionId)
    {
        if (_presence.Remove(gatewayId, connectionId) is { } left)
        {
            await PublishPresence(RoomEventKind.UserLeft, left);
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
        foreach (var user in left)
        {
            await PublishPresence(RoomEventKind.UserLeft, user);
        }
    }

    public async Task<Guid> SyncGateway(string gatewayId, ImmutableArray<ConnectionPresence> connections)
    {
        // Only connections whose user may still enter the room are taken back.
        var allowed = connections.Where(c => HasAccess(c.UserId));
        var (joined, left) = _presence.ReplaceGateway(gatewayId, allowed);
        foreach (var user in joined)
        {
            await PublishPresence(RoomEventKind.UserJoined, user);
        }
        foreach (var user in left)
        {
            await PublishPresence(RoomEventKind.UserLeft, user);
        }
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
                return failIfExists ? throw ChatException.Conflict($"Room '{RoomId}' already exists.") : existing;
            }
            info = new RoomInfo(RoomId, name, description, room.IsPublic, room.CreatedBy, time.GetUtcNow().ToUnixTimeMilliseconds());
            state.State.Info = info;
            state.State.Members = room.IsPublic ? [] : [room.CreatedBy];
            await state.WriteStateAsync();
        }
        finally
        {
            _stateWrite.Release();
        }

        await LoadLogAsync(CancellationToken.None);
        if (info.IsPublic)
        {
            await GrainFactory.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).Add(info);
        }
        else
        {
            await GrainFactory.GetGrain<IUserGrain>(info.CreatedBy).AddPrivateRoom(RoomId);
        }
        LogRoomCreated(logger, RoomId, info.IsPublic, info.CreatedBy);
        return info;
    }

    /// <summary>Writes queued sends in batches until none is left; each batch is acknowledged, then published, in seq order.</summary>
    private async Task FlushAsync()
    {
        try
        {
            while (_pending.Count > 0)
            {
                var batch = _pending.Take(options.Value.MaxBatchSize).ToList();
                _pending.RemoveRange(0, batch.Count);

                IReadOnlyList<AppendOutcome> outcomes;
                var started = time.GetTimestamp();
                try
                {
                    outcomes = await log.AppendAsync(RoomId, _lastSeq + 1, batch.ConvertAll(p => p.Message));
                }
                catch (Exception ex)
                {
                    metrics.MessageLogWriteFailed();
                    FailAfterStoreError(batch, ex);
                    return;
                }
                metrics.RecordMessageLogWrite(batch.Count, time.GetElapsedTime(started).TotalMilliseconds);

                var created = new List<RoomEvent>(batch.Count);
                for (var i = 0; i < batch.Count; i++)
                {
                    var outcome = outcomes[i];
                    if (outcome.Created)
                    {
                        _lastSeq = outcome.Message.Seq;
                        _cache.Add(outcome.Message);
                        created.Add(new RoomEvent(RoomEventKind.NewMessage, RoomId, outcome.Message, null, batch[i].OriginConnectionId, _epoch));
                    }
                    batch[i].Completion.TrySetResult(new SendResult(outcome.Message, outcome.Created));
                }
                await Publish(created);
            }
        }
        finally
        {
            _flushing = false;
        }
    }

    /// <summary>
    /// After a failed write nothing of the batch may be assumed stored or not stored (a commit's answer can be lost),
    /// so every waiting send fails with a retryable error and the room re-reads its seq from the log on its next activation.
    /// Retries carry their client ids and are answered idempotently.
    /// </summary>
    private void FailAfterStoreError(List<PendingSend> batch, Exception ex)
    {
        var error = ex as ChatException ?? ChatException.Unavailable("The message could not be stored; retry shortly.");
        LogWriteFailed(logger, ex, RoomId, batch.Count + _pending.Count);
        foreach (var pending in batch.Concat(_pending))
        {
            pending.Completion.TrySetException(error);
        }
        _pending.Clear();
        DeactivateOnIdle();
    }

    private async Task LoadLogAsync(CancellationToken cancellationToken)
    {
        var snapshot = await log.LoadAsync(RoomId, options.Value.CacheSize, options.Value.ClientIdWindow, cancellationToken);
        _lastSeq = snapshot.LastSeq;
        foreach (var (userId, clientId, seq) in snapshot.RecentClientIds.OrderBy(c => c.Seq))
        {
            _cache.RememberClientId(userId, clientId, seq);
        }
        foreach (var message in snapshot.Newest)
        {
            _cache.Add(message);
        }
    }

    private async Task<ChatMessage> MessageAt(long seq) =>
        _cache.Find(seq) ?? await log.FindAsync(RoomId, seq)
        ?? throw new InvalidOperationException($"Room '{RoomId}': remembered seq {seq} is not in the log.");

    private RoomInfo RequireAccess(string userId) =>
        state.State.Info is { } info && HasAccess(userId) ? info : throw ChatException.RoomNotFound(RoomId);

    private bool HasAccess(string userId) =>
        state.State.Info is { } info && (info.IsPublic || state.State.Members.Contains(userId));

    private Task PublishPresence(RoomEventKind kind, OnlineUser user) =>
        Publish(new RoomEvent(kind, RoomId, null, user, null, _epoch));

    /// <summary>Live push is best effort: a lost event is recovered by clients from seq (messages) or the next join (presence).</summary>
    private async Task Publish(RoomEvent roomEvent)
    {
        try
        {
            await _stream.OnNextAsync(roomEvent);
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, ex, RoomId, roomEvent.Kind, 1);
        }
    }

    /// <summary>
    /// A written batch goes out as one stream item (one queue write, one delivery per subscribed gateway) whose
    /// events the gateways receive one by one, in seq order.
    /// </summary>
    private async Task Publish(List<RoomEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }
        try
        {
            await _stream.OnNextBatchAsync(events);
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, ex, RoomId, RoomEventKind.NewMessage, events.Count);
        }
    }

    private sealed class PendingSend(PendingMessage message, string? originConnectionId)
    {
        public PendingMessage Message { get; } = message;
        public string? OriginConnectionId { get; } = originConnectionId;
        public TaskCompletionSource<SendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomId} created (public: {IsPublic}) by {UserId}")]
    private static partial void LogRoomCreated(ILogger logger, string roomId, bool isPublic, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomId}: {CallerId} added member {MemberId}")]
    private static partial void LogMemberAdded(ILogger logger, string roomId, string memberId, string callerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomId}: gateway {GatewayId} dropped, {UsersLeft} users went offline")]
    private static partial void LogGatewayDropped(ILogger logger, string roomId, string gatewayId, int usersLeft);

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId}: writing {Count} messages failed; the room will reload from the log")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string roomId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId}: publishing {Count} {Kind} events failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string roomId, RoomEventKind kind, int count);
}
