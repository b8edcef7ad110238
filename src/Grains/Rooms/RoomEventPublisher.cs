using Chat.Messages;
using Chat.Rooms;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Chat.Grains.Rooms;

/// <summary>
/// Publishes a room's events on its stream. Live push is best effort: a lost event is recovered by clients from seq
/// (messages) or the next join (presence), so a failed publish is logged, never thrown back to a send or a join.
/// </summary>
public sealed partial class RoomEventPublisher(IAsyncStream<RoomEvent> stream, string roomId, Guid epoch, ILogger logger)
{
    public Task PublishPresence(RoomEventKind kind, OnlineUser user) =>
        Publish(new RoomEvent(kind, roomId, null, user, null, epoch));

    public async Task PublishPresence(RoomEventKind kind, IEnumerable<OnlineUser> users)
    {
        foreach (var user in users)
        {
            await PublishPresence(kind, user);
        }
    }

    /// <summary>A committed change: the message's whole state with its changeSeq (best effort, like every push).</summary>
    public Task PublishChange(MessageChange change) =>
        Publish(new RoomEvent(RoomEventKind.MessageUpdated, roomId, change.Message, null, null, epoch) { ChangeSeq = change.ChangeSeq });

    /// <summary>
    /// A written batch goes out as one stream item (one queue write, one delivery per subscribed gateway) whose
    /// events the gateways receive one by one, in seq order.
    /// </summary>
    public async Task PublishBatch(List<RoomEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }
        try
        {
            await stream.OnNextBatchAsync(events);
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, ex, roomId, RoomEventKind.NewMessage, events.Count);
        }
    }

    private async Task Publish(RoomEvent roomEvent)
    {
        try
        {
            await stream.OnNextAsync(roomEvent);
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, ex, roomId, roomEvent.Kind, 1);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId}: publishing {Count} {Kind} events failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string roomId, RoomEventKind kind, int count);
}
