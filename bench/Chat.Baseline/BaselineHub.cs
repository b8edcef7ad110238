using Chat.Contracts;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Baseline;

/// <summary>
/// The plain SignalR hub: rooms are SignalR groups, a message gets the next seq of its room in memory and goes to
/// every other connection of the group (the sender gets it as the invocation's result), in seq order, like the gateway's hub.
/// </summary>
public sealed class BaselineHub(Accounts accounts, Rooms rooms) : Hub
{
    public override Task OnConnectedAsync()
    {
        var user = accounts.FromRequest(Context.GetHttpContext()!);
        if (user is null)
        {
            Context.Abort();
            return Task.CompletedTask;
        }
        Context.Items["user"] = user;
        return Task.CompletedTask;
    }

    public async Task<JoinedRoomDto> JoinRoom(string roomId)
    {
        var room = rooms.Find(roomId) ?? throw new HubException("ROOM_NOT_FOUND");
        await Groups.AddToGroupAsync(Context.ConnectionId, roomId);
        var user = (UserDto)Context.Items["user"]!;
        return new JoinedRoomDto(rooms.Describe(room), [new OnlineUserDto(user.Id, user.Username)], room.LastSeq);
    }

    public async Task<MessageDto> SendMessage(string roomId, string content, string? clientMessageId)
    {
        var room = rooms.Find(roomId) ?? throw new HubException("ROOM_NOT_FOUND");
        MessageDto message;
        Task sent;
        // Seq order is delivery order: the writes to every member are issued under the room's lock (not awaited there).
        lock (room)
        {
            message = room.Append((UserDto)Context.Items["user"]!, content, clientMessageId);
            sent = Clients.GroupExcept(roomId, Context.ConnectionId).SendAsync("NewMessage", message);
        }
        await sent;
        return message;
    }
}
