using System.Text.Json;
using Chat.Contracts;
using Chat.Gateway.Fanout;
using Chat.Gateway.Mapping;
using Chat.Gateway.Observability;
using Chat.Rooms;

namespace Chat.Gateway.WebSockets;

/// <summary>
/// Pushes room events to this gateway's raw WebSocket connections: the frame is serialized once per event and the
/// same bytes are queued on every recipient.
/// </summary>
public sealed partial class WebSocketTransport(GatewayMetrics metrics, ILogger<WebSocketTransport> logger) : ILiveTransport
{
    public Task AddToRoomAsync(LiveConnection connection, string roomId) => Task.CompletedTask;

    public Task RemoveFromRoomAsync(LiveConnection connection, string roomId) => Task.CompletedTask;

    public void Deliver(RoomEvent roomEvent, IReadOnlyList<LiveConnection> members, IReadOnlyList<LiveConnection> excluded)
    {
        byte[]? frame = null;
        var delivered = 0;
        foreach (var member in members)
        {
            if (member is not WebSocketConnection connection || excluded.Contains(member))
            {
                continue;
            }
            frame ??= Serialize(roomEvent);
            switch (connection.TryPush(frame))
            {
                case PushResult.Queued:
                    delivered++;
                    break;
                case PushResult.Full:
                    LogTooSlow(logger, connection.Id, roomEvent.RoomId);
                    connection.Abort();
                    break;
            }
        }
        if (delivered > 0 && roomEvent.Kind == RoomEventKind.NewMessage)
        {
            metrics.MessagesDelivered(ChatTransport.WebSocket, delivered);
        }
    }

    public static byte[] Serialize(RoomEvent roomEvent) => roomEvent.Kind switch
    {
        RoomEventKind.NewMessage => JsonSerializer.SerializeToUtf8Bytes(
            new NewMessageFrame(roomEvent.Message!.ToDto()), FrameJsonContext.Default.NewMessageFrame),
        RoomEventKind.MessageUpdated => JsonSerializer.SerializeToUtf8Bytes(
            new MessageUpdatedFrame(roomEvent.RoomId, roomEvent.ChangeSeq, roomEvent.Message!.ToDto()), FrameJsonContext.Default.MessageUpdatedFrame),
        _ => JsonSerializer.SerializeToUtf8Bytes(
            new PresenceFrame(
                roomEvent.Kind == RoomEventKind.UserJoined ? FrameTypes.UserJoined : FrameTypes.UserLeft,
                roomEvent.RoomId, roomEvent.User!.UserId, roomEvent.User.Username),
            FrameJsonContext.Default.PresenceFrame),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "WebSocket {ConnectionId} cannot keep up with room {RoomId}; closing it")]
    private static partial void LogTooSlow(ILogger logger, string connectionId, string roomId);
}
