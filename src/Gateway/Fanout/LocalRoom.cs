using System.Collections.Immutable;
using Chat.Rooms;

namespace Chat.Gateway.Fanout;

/// <summary>
/// One room as this gateway sees it: its local members, its stream subscription and the epoch of the room
/// activation that knows them. It is the room's only sink on <see cref="IRoomFeeds"/>, so every event reaches each
/// local member once, by way of one call per transport.
/// </summary>
/// <remarks>
/// <see cref="Lifecycle"/> serializes what changes the room's standing with the cluster (subscribe, sync, release);
/// joins and leaves count as in-flight operations so a sync can wait for them and send a consistent snapshot.
/// </remarks>
internal sealed partial class LocalRoom(string id, ILiveTransport[] transports, Action<LocalRoom> requestSync, ILogger logger) : IRoomEventSink
{
    private static readonly LiveConnection[] NoneExcluded = [];

    private readonly Lock _gate = new();
    private ImmutableDictionary<string, LiveConnection> _members = ImmutableDictionary<string, LiveConnection>.Empty;
    /// <summary>The members grouped by transport, as arrays: rebuilt on the first event after a join or leave (the
    /// member dictionary is immutable, so a new one means a change), so an event costs no walk of the dictionary.</summary>
    private volatile Recipients? _recipients;
    private int _inFlight;
    private TaskCompletionSource? _drained;
    private Guid _epoch;
    private int _syncRequested;
    private int _syncWanted;
    private int _syncDone;

    public string Id { get; } = id;

    public SemaphoreSlim Lifecycle { get; } = new(1, 1);

    /// <summary>Subscribed and tracked by the gateway lease (changed under <see cref="Lifecycle"/>).</summary>
    public bool Active { get; set; }

    /// <summary>Taken out of the gateway's table; a joiner that finds it must look again (changed under <see cref="Lifecycle"/>).</summary>
    public bool Removed { get; set; }

    public IAsyncDisposable? Feed { get; set; }

    /// <summary>
    /// The cluster may hold a view of this gateway's members that differs from ours (a failed leave or join, a lapsed
    /// lease). Requests are counted, not flagged: a sync clears only the requests made before its snapshot, so one that
    /// arrives while a sync is in flight is not lost.
    /// </summary>
    public bool NeedsSync => Volatile.Read(ref _syncWanted) != Volatile.Read(ref _syncDone);

    /// <summary>The latest sync request; a sync that read it before its snapshot covers it.</summary>
    public int SyncVersion => Volatile.Read(ref _syncWanted);

    public void MarkNeedsSync() => Interlocked.Increment(ref _syncWanted);

    /// <summary>A sync of the snapshot taken at <paramref name="version"/> succeeded.</summary>
    public void MarkSynced(int version)
    {
        lock (_gate)
        {
            if (version - _syncDone > 0)
            {
                _syncDone = version;
            }
        }
    }

    public ImmutableDictionary<string, LiveConnection> Members => Volatile.Read(ref _members);

    public bool IsIdle
    {
        get
        {
            lock (_gate)
            {
                return _inFlight == 0 && _members.IsEmpty;
            }
        }
    }

    public Guid Epoch
    {
        get
        {
            lock (_gate)
            {
                return _epoch;
            }
        }
        set
        {
            lock (_gate)
            {
                _epoch = value;
            }
        }
    }

    public void AddMember(LiveConnection connection) => ImmutableInterlocked.TryAdd(ref _members, connection.Id, connection);

    public void RemoveMember(LiveConnection connection) => ImmutableInterlocked.TryRemove(ref _members, connection.Id, out _);

    public void BeginOperation()
    {
        lock (_gate)
        {
            _inFlight++;
        }
    }

    public void EndOperation()
    {
        lock (_gate)
        {
            if (--_inFlight == 0 && _drained is not null)
            {
                _drained.TrySetResult();
                _drained = null;
            }
        }
    }

    /// <summary>Completes when no join or leave of this room is in flight.</summary>
    public Task WhenDrained()
    {
        lock (_gate)
        {
            return _inFlight == 0
                ? Task.CompletedTask
                : (_drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    /// <summary>True for the caller that should start a sync; false while one is already requested.</summary>
    public bool TryRequestSync() => Interlocked.Exchange(ref _syncRequested, 1) == 0;

    public void ClearSyncRequest() => Volatile.Write(ref _syncRequested, 0);

    public bool TryWrite(RoomEvent roomEvent)
    {
        if (roomEvent.RoomEpoch != Guid.Empty && roomEvent.RoomEpoch != Epoch)
        {
            requestSync(this);
        }

        var recipients = CurrentRecipients();
        if (recipients.Members.IsEmpty || !IsDeliverable(roomEvent))
        {
            return true;
        }
        var excluded = Excluded(roomEvent, recipients.Members);
        foreach (var (transport, members) in recipients.ByTransport)
        {
            try
            {
                transport.Deliver(roomEvent, members, excluded);
            }
            catch (Exception exception)
            {
                // This room is the feed's only sink here: a throw would make the feed drop it and silence the room for
                // every local member. One transport's failure costs only its own deliveries of this event.
                LogDeliverFailed(logger, exception, Id, roomEvent.Kind);
            }
        }
        return true;
    }

    public void OnResubscribed() => requestSync(this);

    private static bool IsDeliverable(RoomEvent roomEvent) => roomEvent.Kind switch
    {
        RoomEventKind.NewMessage or RoomEventKind.MessageUpdated => roomEvent.Message is not null,
        RoomEventKind.UserJoined or RoomEventKind.UserLeft => roomEvent.User is not null,
        _ => false,
    };

    /// <summary>
    /// The delivery rule: a message skips the one connection that sent it (it has the reply); a presence change
    /// skips that user's own connections; a change to a message goes to every connection (each keeps its change feed gap-free).
    /// </summary>
    private static IReadOnlyList<LiveConnection> Excluded(RoomEvent roomEvent, ImmutableDictionary<string, LiveConnection> members)
    {
        if (roomEvent.Kind == RoomEventKind.MessageUpdated)
        {
            return NoneExcluded;
        }
        if (roomEvent.Kind == RoomEventKind.NewMessage)
        {
            return roomEvent.OriginConnectionId is { } origin && members.TryGetValue(origin, out var sender) ? [sender] : NoneExcluded;
        }
        var userId = roomEvent.User!.UserId;
        List<LiveConnection>? own = null;
        foreach (var member in members.Values)
        {
            if (member.UserId == userId)
            {
                (own ??= []).Add(member);
            }
        }
        return own ?? (IReadOnlyList<LiveConnection>)NoneExcluded;
    }

    private Recipients CurrentRecipients()
    {
        if (_recipients is { } current && ReferenceEquals(current.Members, Members))
        {
            return current;
        }
        var members = Members;
        var byTransport = new List<(ILiveTransport, LiveConnection[])>(transports.Length);
        foreach (var transport in transports)
        {
            var own = members.Values.Where(m => m.Transport == transport).ToArray();
            if (own.Length > 0)
            {
                byTransport.Add((transport, own));
            }
        }
        var built = new Recipients(members, byTransport);
        _recipients = built;
        return built;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId}: a transport failed to deliver a {Kind} event; the other transports and later events are unaffected")]
    private static partial void LogDeliverFailed(ILogger logger, Exception exception, string roomId, RoomEventKind kind);

    /// <summary>One snapshot of the members (<paramref name="Members"/>) and the same connections per transport.</summary>
    private sealed record Recipients(ImmutableDictionary<string, LiveConnection> Members, List<(ILiveTransport Transport, LiveConnection[] Members)> ByTransport);
}
