using Chat.Gateway.Application;
using Chat.Gateway.Auth;
using Chat.Gateway.Contracts;
using Chat.Gateway.Fanout;
using Chat.Gateway.Observability;
using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Gateway.Hubs;

/// <summary>
/// <c>/hubs/chat</c>: a thin adapter over <see cref="IChatApplication"/>. Identity comes from the token only; errors
/// become <see cref="HubException"/>s in <see cref="HubErrorFilter"/>; closing the connection leaves every room.
/// </summary>
[Authorize]
public sealed class ChatHub(IChatApplication chat, LiveRooms liveRooms, SignalRTransport transport, ChatMetrics metrics) : Hub<IChatClient>
{
    public override Task OnConnectedAsync()
    {
        var caller = Caller;
        liveRooms.Connect(new SignalRConnection(Context.ConnectionId, caller.UserId, caller.Username, transport, Context.Abort));
        metrics.ConnectionOpened(ChatTransport.SignalR);
        return Task.CompletedTask;
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.ConnectionClosed(ChatTransport.SignalR);
        await liveRooms.DisconnectAsync(Context.ConnectionId);
    }

    public async Task<JoinedRoomDto> JoinRoom(string roomId) =>
        (await chat.JoinRoomAsync(Caller, roomId, Context.ConnectionAborted)).ToDto();

    public Task LeaveRoom(string roomId) => chat.LeaveRoomAsync(Caller, roomId, Context.ConnectionAborted);

    public async Task<MessageDto> SendMessage(string roomId, string content, string? clientMessageId)
    {
        metrics.MessageReceived(ChatTransport.SignalR);
        var started = Stopwatch.GetTimestamp();
        var result = await chat.SendMessageAsync(Caller, roomId, content, clientMessageId, Context.ConnectionAborted);
        metrics.RecordAckLatency(ChatTransport.SignalR, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result.Message.ToDto();
    }

    public async Task<MessageDto[]> GetMessages(string roomId, long? beforeSeq, long? afterSeq, int? limit) =>
        (await chat.GetMessagesAsync(Caller, roomId, beforeSeq, afterSeq, limit, Context.ConnectionAborted)).ToDtos();

    public async Task<OnlineUserDto[]> GetOnlineUsers(string roomId) =>
        (await chat.GetOnlineUsersAsync(Caller, roomId, Context.ConnectionAborted)).ToDtos();

    private Caller Caller => Context.User!.ToCaller(Context.ConnectionId);
}
