using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Chat.Contracts;

namespace Chat.Baseline;

/// <summary>
/// The raw WebSocket side, in the gateway's <c>/ws</c> JSON frames (join_room → joined, send_message → message_sent,
/// pushes as new_message). One reader loop, one writer loop draining a bounded queue; a push is serialized once per
/// message and shared by every recipient.
/// </summary>
public sealed class RawSocket
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private readonly Channel<byte[]> _outbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(1024) { SingleReader = true });
    private readonly WebSocket _socket;

    private RawSocket(WebSocket socket) => _socket = socket;

    public static async Task AcceptAsync(HttpContext context, Accounts accounts, Rooms rooms)
    {
        var user = accounts.FromRequest(context);
        if (!context.WebSockets.IsWebSocketRequest || user is null)
        {
            context.Response.StatusCode = user is null ? 401 : 400;
            return;
        }
        var connection = new RawSocket(await context.WebSockets.AcceptWebSocketAsync());
        var writer = connection.WriteLoopAsync();
        var joined = new List<Rooms.Room>();
        try
        {
            await connection.ReadLoopAsync(user, rooms, joined);
        }
        finally
        {
            foreach (var room in joined)
            {
                room.Sockets.TryRemove(connection, out _);
            }
            connection._outbox.Writer.TryComplete();
            await writer;
        }
    }

    private async Task ReadLoopAsync(UserDto user, Rooms rooms, List<Rooms.Room> joined)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close || !result.EndOfMessage)
            {
                return;
            }
            var frame = JsonSerializer.Deserialize<Frame>(buffer.AsSpan(0, result.Count), Json)!;
            if (rooms.Find(frame.RoomId ?? "") is not { } room)
            {
                await Reply(new { type = "error", frame.RequestId, code = "ROOM_NOT_FOUND", message = "no such room" });
                continue;
            }
            if (frame.Type == "join_room")
            {
                room.Sockets.TryAdd(this, 0);
                joined.Add(room);
                await Reply(new { type = "joined", frame.RequestId, roomId = room.Id, room = rooms.Describe(room), onlineUsers = new[] { new OnlineUserDto(user.Id, user.Username) }, lastSeq = room.LastSeq });
            }
            else if (frame.Type == "send_message")
            {
                MessageDto message;
                lock (room) // seq order is delivery order
                {
                    message = room.Append(user, frame.Content ?? "", frame.ClientMessageId);
                    var push = JsonSerializer.SerializeToUtf8Bytes(new { type = "new_message", message }, Json);
                    foreach (var member in room.Sockets.Keys)
                    {
                        if (member != this && !member._outbox.Writer.TryWrite(push))
                        {
                            member._socket.Abort(); // too slow: dropped, as the gateway does
                        }
                    }
                }
                await Reply(new { type = "message_sent", frame.RequestId, message });
            }
        }
    }

    private ValueTask Reply<T>(T frame) => _outbox.Writer.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(frame, Json));

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var frame in _outbox.Reader.ReadAllAsync())
            {
                await _socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // The client went away; the reader sees it too.
        }
    }

    private sealed record Frame(string? Type, string? RequestId, string? RoomId, string? Content, string? ClientMessageId);
}
