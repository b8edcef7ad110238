using Chat.Contracts;
using Chat.Gateway.Fanout;
using Chat.Gateway.Mapping;
using Chat.Gateway.Observability;
using Chat.Rooms;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Gateway.Hubs;

/// <summary>
/// Pushes room events to this gateway's SignalR connections with one group send per event (group = room id):
/// SignalR serializes the event once per protocol (JSON, MessagePack) and writes it to each member but the excluded.
/// Sends are not awaited one after another: a slow connection delays only itself.
/// </summary>
public sealed partial class SignalRTransport(IHubContext<ChatHub, IChatClient> hub, GatewayMetrics metrics, ILogger<SignalRTransport> logger) : ILiveTransport
{
    public Task AddToRoomAsync(LiveConnection connection, string roomId) => hub.Groups.AddToGroupAsync(connection.Id, roomId);

    public Task RemoveFromRoomAsync(LiveConnection connection, string roomId) => hub.Groups.RemoveFromGroupAsync(connection.Id, roomId);

    public void Deliver(RoomEvent roomEvent, IReadOnlyList<LiveConnection> members, IReadOnlyList<LiveConnection> excluded)
    {
        var excludedHere = 0;
        foreach (var connection in excluded)
        {
            excludedHere += connection.Transport == this ? 1 : 0;
        }
        var recipients = members.Count - excludedHere;
        if (recipients <= 0)
        {
            return;
        }
        var clients = excludedHere == 0
            ? hub.Clients.Group(roomEvent.RoomId)
            : hub.Clients.GroupExcept(roomEvent.RoomId, excluded.Where(c => c.Transport == this).Select(c => c.Id).ToArray());
        var send = roomEvent.Kind switch
        {
            RoomEventKind.NewMessage => clients.NewMessage(roomEvent.Message!.ToDto()),
            RoomEventKind.UserJoined => clients.UserJoined(roomEvent.ToPresenceDto()),
            RoomEventKind.UserLeft => clients.UserLeft(roomEvent.ToPresenceDto()),
            _ => Task.CompletedTask,
        };
        if (roomEvent.Kind == RoomEventKind.NewMessage)
        {
            metrics.MessagesDelivered(ChatTransport.SignalR, recipients);
        }
        if (!send.IsCompletedSuccessfully)
        {
            _ = ObserveAsync(send, roomEvent.RoomId);
        }
    }

    private async Task ObserveAsync(Task send, string roomId)
    {
        try
        {
            await send;
        }
        catch (Exception exception)
        {
            LogSendFailed(logger, exception, roomId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A push to room {RoomId} failed for some SignalR connections")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string roomId);
}
