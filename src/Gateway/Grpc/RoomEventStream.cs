using Chat.Gateway.Application;
using Chat.Gateway.Fanout;
using Chat.Messages;
using Chat.Rooms;

namespace Chat.Gateway.Grpc;

/// <summary>
/// One room of a feed: replay the messages after <see cref="AfterSeq"/> and the changes after <see cref="AfterChange"/>;
/// either one null means live only.
/// </summary>
public sealed record SubscribedRoom(string RoomId, long? AfterSeq, long? AfterChange = null);

/// <summary>Hands one event to the consumer; completes when the transport accepted it.</summary>
public delegate Task RoomEventWriter(RoomEvent roomEvent, CancellationToken cancellationToken);

/// <summary>
/// One feed of a set of rooms (what gRPC's Subscribe streams): replays history and then live events, merged so that
/// each room's messages reach the consumer exactly once, in ascending seq order, with no gap.
/// <para>
/// How: per room, remember the last seq written. Subscribe to the live feed first and only then read history, so
/// nothing committed during the replay can fall between the two; live events queue meanwhile in a bounded
/// <see cref="SubscriptionBuffer"/>. Live messages at or below the last written seq were already replayed and are
/// skipped; one above the next expected seq reveals a gap (a lost live event), which is read from history first;
/// a feed that reports it was interrupted (<see cref="IRoomEventSink.OnResubscribed"/>) makes the room catch up at once.
/// Presence events (joined, left) are live only. Changes to messages (<see cref="RoomEventKind.MessageUpdated"/>) follow
/// the same rules by changeSeq (<see cref="RoomChangeReplay"/>). Replayed messages are written as
/// <see cref="RoomEventKind.NewMessage"/> events.
/// </para>
/// </summary>
public sealed class RoomEventStream : IAsyncDisposable
{
    private readonly IChatApplication chat;
    private readonly IRoomFeeds feeds;
    private readonly Caller caller;
    private readonly RoomEventWriter write;
    private readonly int pageSize;
    private readonly SubscriptionBuffer buffer;
    private readonly CancellationTokenSource writeCancellation;
    private readonly ILogger logger;
    private readonly Dictionary<string, long> lastWrittenSeq = new(StringComparer.Ordinal);
    private readonly List<IAsyncDisposable> feedSubscriptions = [];
    private readonly RoomChangeReplay changes;

    public RoomEventStream(
        IChatApplication chat, IRoomFeeds feeds, Caller caller, RoomEventWriter write,
        ChatGrpcOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        this.chat = chat;
        this.feeds = feeds;
        this.caller = caller;
        this.write = write;
        this.logger = logger;
        pageSize = options.ReplayPageSize;
        buffer = new SubscriptionBuffer(options.SubscribeBufferCapacity, options.SlowConsumerGracePeriod);
        writeCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, buffer.Stalled);
        changes = new RoomChangeReplay(chat, caller, pageSize, WriteAsync,
            (roomId, seq, token) => seq > lastWrittenSeq[roomId] ? CatchUpAsync(roomId, beforeSeq: seq + 1, token) : Task.CompletedTask);
    }

    /// <summary>Events written to the consumer so far.</summary>
    public long EventsWritten { get; private set; }

    /// <summary>True once live events arrived faster than the consumer took them and the buffer overflowed.</summary>
    public bool FellBehind => buffer.Overflowed;

    /// <summary>
    /// Streams until the consumer cancels (throws <see cref="OperationCanceledException"/>) or falls behind (returns,
    /// with <see cref="FellBehind"/> set; the consumer resumes by seq). Refusals of the application (an invalid or
    /// hidden room) are thrown as <see cref="Errors.ChatException"/> before anything is subscribed or written.
    /// </summary>
    /// <param name="subscribed">
    /// Runs once every room's live feed is subscribed, before the replay: from then on nothing sent to these rooms
    /// can be missed (gRPC sends its response headers then, so a client knows it is subscribed).
    /// </param>
    public async Task RunAsync(IReadOnlyList<SubscribedRoom> rooms, Func<Task> subscribed, CancellationToken cancellationToken)
    {
        // Access (reading the newest message checks it) and starting point of every room, before anything is subscribed.
        foreach (var room in rooms)
        {
            var newestSeq = await NewestSeqAsync(room.RoomId, cancellationToken);
            lastWrittenSeq[room.RoomId] = room.AfterSeq ?? newestSeq;
            await changes.StartAsync(room.RoomId, room.AfterChange, cancellationToken);
        }

        // Live first, so that everything committed from now on is either queued or read back from history below.
        foreach (var room in rooms)
        {
            feedSubscriptions.Add(await feeds.SubscribeAsync(room.RoomId, buffer.SinkFor(room.RoomId), cancellationToken));
        }

        try
        {
            await subscribed();

            // Replay (for live-only rooms: what was sent between the access check and the subscription).
            foreach (var room in rooms)
            {
                await CatchUpAsync(room.RoomId, beforeSeq: null, cancellationToken);
                await changes.CatchUpAsync(room.RoomId, beforeChange: null, cancellationToken);
            }
            await foreach (var item in buffer.Reader.ReadAllAsync(cancellationToken))
            {
                if (item.Event is { } roomEvent)
                {
                    await DeliverLiveAsync(roomEvent, cancellationToken);
                }
                else
                {
                    // The room's live feed was interrupted: what it missed is in history and the change feed.
                    await CatchUpAsync(item.RoomId, beforeSeq: null, cancellationToken);
                    await changes.CatchUpAsync(item.RoomId, beforeChange: null, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (FellBehind && buffer.Stalled.IsCancellationRequested)
        {
            // The consumer stopped reading altogether and the grace period ran out while a write waited for it.
        }
        catch (FellBehindException)
        {
            // Ended on purpose: the caller reports it (FellBehind).
        }
    }

    private async Task DeliverLiveAsync(RoomEvent roomEvent, CancellationToken cancellationToken)
    {
        if (!lastWrittenSeq.TryGetValue(roomEvent.RoomId, out var lastSeq))
        {
            return;
        }
        if (roomEvent.Kind is RoomEventKind.NewMessage)
        {
            if (roomEvent.Message is not { } message || message.Seq <= lastSeq)
            {
                return;
            }
            if (message.Seq > lastSeq + 1)
            {
                await CatchUpAsync(message.RoomId, beforeSeq: message.Seq, cancellationToken);
            }
            await WriteMessageAsync(message, roomEvent);
        }
        else if (roomEvent.Kind is RoomEventKind.MessageUpdated)
        {
            await changes.DeliverLiveAsync(roomEvent, cancellationToken);
        }
        else if (roomEvent is { Kind: RoomEventKind.UserJoined or RoomEventKind.UserLeft, User: not null })
        {
            await WriteAsync(roomEvent);
        }
    }

    /// <summary>Writes the room's history after the last written seq (and below <paramref name="beforeSeq"/>, if given).</summary>
    private async Task CatchUpAsync(string roomId, long? beforeSeq, CancellationToken cancellationToken)
    {
        while (beforeSeq is null || lastWrittenSeq[roomId] < beforeSeq - 1)
        {
            var afterSeq = lastWrittenSeq[roomId];
            var page = await chat.GetMessagesAsync(caller, roomId, beforeSeq, afterSeq, pageSize, cancellationToken);
            foreach (var message in page)
            {
                if (message.Seq > lastWrittenSeq[roomId])
                {
                    await WriteMessageAsync(message, roomEvent: null);
                }
            }
            if (page.Count < pageSize || lastWrittenSeq[roomId] == afterSeq)
            {
                return;
            }
        }
    }

    private async Task<long> NewestSeqAsync(string roomId, CancellationToken cancellationToken)
    {
        var newest = await chat.GetMessagesAsync(caller, roomId, beforeSeq: null, afterSeq: null, limit: 1, cancellationToken);
        return newest.Count > 0 ? newest[^1].Seq : 0;
    }

    private async Task WriteMessageAsync(ChatMessage message, RoomEvent? roomEvent)
    {
        await WriteAsync(roomEvent ?? new RoomEvent(RoomEventKind.NewMessage, message.RoomId, message, User: null, OriginConnectionId: null, RoomEpoch: Guid.Empty));
        lastWrittenSeq[message.RoomId] = message.Seq;
    }

    private async Task WriteAsync(RoomEvent roomEvent)
    {
        if (FellBehind)
        {
            throw new FellBehindException();
        }
        await write(roomEvent, writeCancellation.Token);
        EventsWritten++;
    }

    /// <summary>Releases every room feed subscription (a failure to release one does not keep the others).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in feedSubscriptions)
        {
            try
            {
                await subscription.DisposeAsync();
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Releasing a room feed subscription failed");
            }
        }
        feedSubscriptions.Clear();
        writeCancellation.Dispose();
        buffer.Dispose();
    }

    /// <summary>Unwinds a run from wherever it was writing once the consumer fell behind.</summary>
    private sealed class FellBehindException : Exception;
}
