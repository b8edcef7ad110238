using System.Text.Json;
using Chat.Errors;
using Chat.Gateway.Application;
using Chat.Gateway.Application.Conversations;
using Chat.Gateway.Mapping;
using static Chat.Gateway.WebSockets.ConversationFrameTypes;

namespace Chat.Gateway.WebSockets;

/// <summary>
/// The <c>/ws</c> frames of membership, read state, DMs and room administration, adapted onto <see cref="IConversations"/>.
/// <see cref="FrameHandler"/> hands over the frame types it does not know itself; refusals throw, and it answers them
/// with an <c>error</c> frame as for its own.
/// </summary>
public sealed class ConversationFrames(IConversations conversations)
{
    /// <summary>The reply to a frame of this area, or null when <paramref name="type"/> is not one.</summary>
    public async Task<byte[]?> TryHandleAsync(Caller caller, string type, ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
    {
        if (type is not (GetMyRooms or JoinMembership or LeaveMembership or MarkRead or OpenDm or UpdateRoom or RemoveMember or DeleteRoom))
        {
            return null;
        }
        ConversationClientFrame frame;
        try
        {
            frame = JsonSerializer.Deserialize(utf8Json.Span, ConversationFrameJsonContext.Default.ConversationClientFrame)!;
        }
        catch (JsonException)
        {
            throw ChatException.BadRequest($"A '{type}' frame has a field of the wrong type.");
        }
        var id = frame.RequestId;
        switch (type)
        {
            case GetMyRooms:
                var rooms = await conversations.ListMyRoomsAsync(caller, cancellationToken);
                return Serialize(new MyRoomsFrame(id, [.. rooms.Select(room => room.ToDto())]));
            case JoinMembership:
                var joined = await conversations.JoinAsync(caller, frame.RoomId, cancellationToken);
                return Serialize(new RoomReplyFrame("room_joined", id, joined.ToDto()));
            case LeaveMembership:
                await conversations.LeaveAsync(caller, frame.RoomId, cancellationToken);
                return Serialize(new DoneFrame("room_left", id, frame.RoomId!, null));
            case MarkRead:
                var read = await conversations.MarkReadAsync(caller, frame.RoomId, frame.Seq, cancellationToken);
                return Serialize(new ReadFrame("read_marked", id, read.RoomId, read.LastReadSeq, read.MentionCount));
            case OpenDm:
                var dm = await conversations.OpenDirectAsync(caller, frame.Username, cancellationToken);
                return Serialize(new RoomReplyFrame("dm_opened", id, dm.ToDto()));
            case UpdateRoom:
                var updated = await conversations.UpdateRoomAsync(caller, frame.RoomId, frame.Name, frame.Description, cancellationToken);
                return Serialize(new RoomReplyFrame("room_saved", id, updated.ToDto()));
            case RemoveMember:
                await conversations.RemoveMemberAsync(caller, frame.RoomId, frame.UserId, cancellationToken);
                return Serialize(new DoneFrame("member_removed", id, frame.RoomId!, frame.UserId));
            default:
                await conversations.DeleteRoomAsync(caller, frame.RoomId, cancellationToken);
                return Serialize(new DoneFrame("room_deleted", id, frame.RoomId!, null));
        }
    }

    private static byte[] Serialize<T>(T frame) =>
        JsonSerializer.SerializeToUtf8Bytes(frame, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)ConversationFrameJsonContext.Default.GetTypeInfo(typeof(T))!);
}
