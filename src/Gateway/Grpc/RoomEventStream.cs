using Chat.Gateway.Application;
using Chat.Grpc.V1;
using Chat.Rooms;
using Grpc.Core;
using Message = Chat.Messages.ChatMessage;

namespace Chat.Gateway.Grpc;

/// <summary>
/// One Subscribe call: replays history and streams live events for a set of rooms, merged so that each room's
/// messages reach the consumer exactly once, in ascending seq order, with no gap.
/// <para>
/// How: per room, remember the last seq written. Subscribe to the live feed first and only then read history, so
/// nothing committed during the replay can fall between the two; live events queue meanwhile in a bounded
/// <see cref="SubscriptionBuffer"/>. Live messages at or below the last written seq were already replayed and are
/// skipped; one above the next expected seq reveals a gap (a lost live event) and the gap is read from history
/// first. Presence events are live only.
/// </para>
/// </summary>
internal sealed class RoomEventStream : IAsyncDisposable
{
    private readonly IChatApplication chat;
    private readonly IRoomFeeds feeds;
    private readonly Caller caller;
    private readonly IServerStreamWriter<ChatEvent> output;
    private readonly int pageSize;
    private readonly SubscriptionBuffer buffer;
    private readonly CancellationTokenSource writeCancellation;
    private readonly Dictionary<string, long> lastWrittenSeq = new(StringComparer.Ordinal);
    private readonly List<IAsyncDisposable> feedSubscriptions = [];
    private readonly ILogger logger;

    public RoomEventStream(
        IChatApplication chat, IRoomFeeds feeds, Caller caller, IServerStreamWriter<ChatEvent> output,
        ChatGrpcOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        this.logger = logger;
        this.chat = chat;
        this.feeds = feeds;
        this.caller = caller;
        this.output = output;
        pageSize = options.ReplayPageSize;
        buffer = new SubscriptionBuffer(options.SubscribeBufferCapacity, options.SlowConsumerGracePeriod);
        writeCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, buffer.Stalled);
    }

    /// <summary>Events written to the consumer so far.</summary>
    public long EventsWritten { get; private set; }

    /// <summary>True when the stream ended because its consumer fell behind.</summary>
    public bool FellBehindLiveEvents => buffer.Overflowed;

    /// <summary>
    /// Runs until the consumer cancels (returns by throwing <see cref="OperationCanceledException"/>) or falls
    /// behind (throws RESOURCE_EXHAUSTED). Refusals of the application (a hidden room) surface as
    /// <see cref="Errors.ChatException"/> before anything is subscribed or written.
    /// </summary>
    public async Task RunAsync(IReadOnlyList<SubscribedRoom> rooms, CancellationToken cancellationToken)
    {
        // Access and starting point of every room, before anything is subscribed.
        foreach (var room in rooms)
        {
            lastWrittenSeq[room.RoomId] = room.AfterSeq ?? await NewestSeqAsync(room.RoomId, cancellationToken);
        }

        // Live first, so that everything committed from now on is either queued or read back from history below.
        foreach (var room in rooms)
        {
            feedSubscriptions.Add(await feeds.SubscribeAsync(room.RoomId, buffer, cancellationToken));
        }

        // Replay (for live-only rooms this reads what was sent between the access check and the subscription).
        foreach (var room in rooms)
        {
            await CatchUpAsync(room.RoomId, beforeSeq: null, cancellationToken);
        }

        await foreach (var roomEvent in buffer.Reader.ReadAllAsync(cancellationToken))
        {
            await DeliverLiveAsync(roomEvent, cancellationToken);
        }
    }

    private async Task DeliverLiveAsync(RoomEvent roomEvent, CancellationToken cancellationToken)
    {
        if (!lastWrittenSeq.TryGetValue(roomEvent.RoomId, out var lastSeq))
        {
            return;
        }
        if (roomEvent is { Kind: RoomEventKind.NewMessage, Message: { } message })
        {
            if (message.Seq <= lastSeq)
            {
                return;
            }
            if (message.Seq > lastSeq + 1)
            {
                await CatchUpAsync(message.RoomId, beforeSeq: message.Seq, cancellationToken);
            }
            await WriteMessageAsync(message);
        }
        else if (roomEvent.ToPresenceEvent() is { } presence)
        {
            await WriteAsync(presence);
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
                    await WriteMessageAsync(message);
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

    private async Task WriteMessageAsync(Message message)
    {
        await WriteAsync(message.ToNewMessageEvent());
        lastWrittenSeq[message.RoomId] = message.Seq;
    }

    private async Task WriteAsync(ChatEvent chatEvent)
    {
        ThrowIfFellBehind();
        try
        {
            await output.WriteAsync(chatEvent, writeCancellation.Token);
        }
        catch (OperationCanceledException) when (buffer.Overflowed && buffer.Stalled.IsCancellationRequested)
        {
            // The consumer stopped reading altogether and the grace period is over: gRPC has reset the stream.
            throw FellBehind();
        }
        EventsWritten++;
    }

    private void ThrowIfFellBehind()
    {
        if (buffer.Overflowed)
        {
            throw FellBehind();
        }
    }

    private static RpcException FellBehind() => new(new Status(StatusCode.ResourceExhausted,
        "The subscriber fell too far behind the live events and was disconnected; subscribe again with " +
        "after_seq set to the last seq received per room to resume without loss."));

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
                logger.LogWarning(exception, "Releasing a room feed subscription of a Subscribe stream failed");
            }
        }
        writeCancellation.Dispose();
        buffer.Dispose();
    }
}
