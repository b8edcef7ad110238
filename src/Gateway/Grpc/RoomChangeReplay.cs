using Chat.Gateway.Application;
using Chat.Rooms;

namespace Chat.Gateway.Grpc;

/// <summary>Makes sure the feed has written every message of a room up to and including a seq.</summary>
internal delegate Task MessageCatchUp(string roomId, long seq, CancellationToken cancellationToken);

/// <summary>
/// The change half of a <see cref="RoomEventStream"/>: per room, the last changeSeq written, so that the consumer gets
/// every change (<see cref="RoomEventKind.MessageUpdated"/>) exactly once and in changeSeq order, as messages by seq.
/// Live changes at or below the last written are skipped; one above the next expected reveals a gap, read from the
/// change feed first. Before a change is written its message is (<see cref="MessageCatchUp"/>): a change never precedes
/// the message it changes. Replayed changes carry the message as it is at the time of reading (the feed keeps no older
/// states), which is what applying every change in order ends with anyway.
/// </summary>
internal sealed class RoomChangeReplay(
    IChatApplication chat, Caller caller, int pageSize, Func<RoomEvent, Task> write, MessageCatchUp messageCatchUp)
{
    private readonly Dictionary<string, long> lastWritten = new(StringComparer.Ordinal);

    /// <summary>Where a room starts: after <paramref name="afterChange"/>, or (null) after the room's newest change now.</summary>
    public async Task StartAsync(string roomId, long? afterChange, CancellationToken cancellationToken) =>
        lastWritten[roomId] = afterChange
            ?? (await chat.GetChangesAsync(caller, roomId, afterChange: long.MaxValue, limit: 1, cancellationToken)).LastChangeSeq;

    public async Task DeliverLiveAsync(RoomEvent roomEvent, CancellationToken cancellationToken)
    {
        if (roomEvent.Message is null || !lastWritten.TryGetValue(roomEvent.RoomId, out var last) || roomEvent.ChangeSeq <= last)
        {
            return;
        }
        if (roomEvent.ChangeSeq > last + 1)
        {
            await CatchUpAsync(roomEvent.RoomId, beforeChange: roomEvent.ChangeSeq, cancellationToken);
        }
        await WriteAsync(roomEvent, cancellationToken);
    }

    /// <summary>Writes the room's changes after the last written (and below <paramref name="beforeChange"/>, if given).</summary>
    public async Task CatchUpAsync(string roomId, long? beforeChange, CancellationToken cancellationToken)
    {
        while (beforeChange is null || lastWritten[roomId] < beforeChange - 1)
        {
            var afterChange = lastWritten[roomId];
            var page = await chat.GetChangesAsync(caller, roomId, afterChange, pageSize, cancellationToken);
            foreach (var change in page.Changes)
            {
                if (change.ChangeSeq > lastWritten[roomId] && (beforeChange is null || change.ChangeSeq < beforeChange))
                {
                    var replayed = new RoomEvent(RoomEventKind.MessageUpdated, roomId, change.Message, User: null, OriginConnectionId: null, RoomEpoch: Guid.Empty)
                    {
                        ChangeSeq = change.ChangeSeq,
                    };
                    await WriteAsync(replayed, cancellationToken);
                }
            }
            if (page.Changes.Length < pageSize || lastWritten[roomId] == afterChange)
            {
                return;
            }
        }
    }

    private async Task WriteAsync(RoomEvent change, CancellationToken cancellationToken)
    {
        await messageCatchUp(change.RoomId, change.Message!.Seq, cancellationToken);
        await write(change);
        lastWritten[change.RoomId] = change.ChangeSeq;
    }
}
