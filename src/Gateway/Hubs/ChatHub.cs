using Chat.Contracts;
using Chat.Gateway.Application;
using Chat.Gateway.Mapping;
using Chat.Gateway.Observability;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Gateway.Hubs;

/// <summary>
/// <c>/hubs/chat</c>: a thin adapter over <see cref="IChatApplication"/>. Identity comes from the token only; errors
/// become <see cref="HubException"/>s in <see cref="HubErrorFilter"/>; closing the connection leaves every room.
/// </summary>
[Authorize]
public sealed partial class ChatHub(IChatApplication chat, SignalRTransport transport) : Hub<IChatClient>
{
    public override Task OnConnectedAsync()
    {
        var caller = Caller;
        var hubConnection = ChatHubLifetimeManager.ConnectionOf(Context);
        var connection = new SignalRConnection(Context.ConnectionId, caller.UserId, caller.Username, transport, message => hubConnection.WriteAsync(message), Context.Abort);
        return chat.ConnectAsync(caller, connection, Context.ConnectionAborted);
    }

    public override Task OnDisconnectedAsync(Exception? exception) => chat.DisconnectAsync(Caller, CancellationToken.None);

    public async Task<JoinedRoomDto> JoinRoom(string roomId) =>
        (await chat.JoinRoomAsync(Caller, roomId, Context.ConnectionAborted)).ToDto();

    public Task LeaveRoom(string roomId) => chat.LeaveRoomAsync(Caller, roomId, Context.ConnectionAborted);

    public async Task<MessageDto> SendMessage(string roomId, string content, string? clientMessageId) =>
        (await chat.SendMessageAsync(Caller, roomId, content, clientMessageId, Context.ConnectionAborted)).Message.ToDto();

    public async Task<MessageDto[]> GetMessages(string roomId, long? beforeSeq, long? afterSeq, int? limit) =>
        (await chat.GetMessagesAsync(Caller, roomId, beforeSeq, afterSeq, limit, Context.ConnectionAborted)).ToDtos();

    public async Task<OnlineUserDto[]> GetOnlineUsers(string roomId) =>
        (await chat.GetOnlineUsersAsync(Caller, roomId, Context.ConnectionAborted)).ToDtos();

    private Caller Caller => Context.User!.ToCaller(ChatTransport.SignalR, Context.ConnectionId);
}
