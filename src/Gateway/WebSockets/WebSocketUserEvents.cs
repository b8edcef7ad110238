using System.Text.Json;
using Chat.Conversations;
using Chat.Gateway.Fanout;
using Chat.Gateway.Mapping;
using static Chat.Gateway.WebSockets.ConversationFrameTypes;

namespace Chat.Gateway.WebSockets;

/// <summary>Queues user events on raw WebSockets as <c>room_added</c>, <c>room_removed</c>, <c>room_updated</c>, <c>read_updated</c> frames.</summary>
public sealed partial class WebSocketUserEvents(ILogger<WebSocketUserEvents> logger) : IUserEventTransport
{
    public bool TryDeliver(UserEvent userEvent, LiveConnection connection)
    {
        if (connection is not WebSocketConnection socket)
        {
            return false;
        }
        if (socket.TryPush(Serialize(userEvent)) == PushResult.Full)
        {
            LogTooSlow(logger, socket.Id);
            socket.Abort();
        }
        return true;
    }

    public static byte[] Serialize(UserEvent userEvent) => userEvent switch
    {
        { Kind: UserEventKind.RoomAdded, Room: { } room } =>
            JsonSerializer.SerializeToUtf8Bytes(new RoomChangedFrame(RoomAdded, room.ToDto()), ConversationFrameJsonContext.Default.RoomChangedFrame),
        { Kind: UserEventKind.RoomUpdated, Room: { } room } =>
            JsonSerializer.SerializeToUtf8Bytes(new RoomChangedFrame(RoomUpdated, room.ToDto()), ConversationFrameJsonContext.Default.RoomChangedFrame),
        { Kind: UserEventKind.RoomRemoved } =>
            JsonSerializer.SerializeToUtf8Bytes(new RoomRemovedFrame(userEvent.RoomId), ConversationFrameJsonContext.Default.RoomRemovedFrame),
        { Kind: UserEventKind.ReadUpdated, Read: { } read } =>
            JsonSerializer.SerializeToUtf8Bytes(new ReadFrame(ReadUpdated, null, read.RoomId, read.LastReadSeq, read.MentionCount), ConversationFrameJsonContext.Default.ReadFrame),
        _ => throw new ArgumentException($"A {userEvent.Kind} event without its payload.", nameof(userEvent)),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "WebSocket {ConnectionId} cannot keep up with its user's events; closing it")]
    private static partial void LogTooSlow(ILogger logger, string connectionId);
}
