using Chat.Contracts;
using Chat.Gateway.Fanout;
using Chat.Gateway.Mapping;
using Chat.Gateway.Observability;
using Chat.Rooms;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Hubs;

/// <summary>
/// Pushes room events to this gateway's SignalR connections, one send per recipient, each counted against the
/// connection's bound until SignalR has written it. The event is mapped to its DTO once per event; SignalR
/// serializes it per connection.
/// </summary>
/// <remarks>
/// Why not one group send per event: its single task completes only when the slowest member has been written to, so
/// it cannot tell which connection is behind, and SignalR queues every further send behind that connection's lock
/// with no cap. By contract a connection that cannot keep up is dropped, not waited for (as the raw WebSocket's
/// bounded outbox does).
/// </remarks>
public sealed partial class SignalRTransport(
    IHubContext<ChatHub, IChatClient> hub,
    IOptions<FanoutOptions> options,
    GatewayMetrics metrics,
    ILogger<SignalRTransport> logger) : ILiveTransport
{
    /// <summary>Nothing to mirror: pushes go to connections, not to SignalR groups.</summary>
    public Task AddToRoomAsync(LiveConnection connection, string roomId) => Task.CompletedTask;

    public Task RemoveFromRoomAsync(LiveConnection connection, string roomId) => Task.CompletedTask;

    public void Deliver(RoomEvent roomEvent, IReadOnlyList<LiveConnection> members, IReadOnlyList<LiveConnection> excluded)
    {
        object? payload = null;
        var delivered = 0;
        foreach (var member in members)
        {
            if (member is not SignalRConnection connection || connection.IsAborted || excluded.Contains(member))
            {
                continue;
            }
            if (!connection.TryBeginPush(options.Value.SignalRSendQueueCapacity))
            {
                if (connection.Abort())
                {
                    LogTooSlow(logger, connection.Id, roomEvent.RoomId, connection.PendingPushes);
                }
                continue;
            }
            payload ??= roomEvent.Kind == RoomEventKind.NewMessage ? roomEvent.Message!.ToDto() : roomEvent.ToPresenceDto();
            Task send;
            try
            {
                send = Send(hub.Clients.Client(connection.Id), roomEvent.Kind, payload);
            }
            catch (Exception exception)
            {
                send = Task.FromException(exception);
            }
            delivered++;
            if (send.IsCompletedSuccessfully)
            {
                connection.EndPush();
            }
            else
            {
                _ = ObserveAsync(send, connection, roomEvent.RoomId);
            }
        }
        if (delivered > 0 && roomEvent.Kind == RoomEventKind.NewMessage)
        {
            metrics.MessagesDelivered(ChatTransport.SignalR, delivered);
        }
    }

    private static Task Send(IChatClient client, RoomEventKind kind, object payload) => kind switch
    {
        RoomEventKind.NewMessage => client.NewMessage((MessageDto)payload),
        RoomEventKind.UserJoined => client.UserJoined((PresenceDto)payload),
        RoomEventKind.UserLeft => client.UserLeft((PresenceDto)payload),
        _ => Task.CompletedTask,
    };

    private async Task ObserveAsync(Task send, SignalRConnection connection, string roomId)
    {
        try
        {
            await send;
        }
        catch (Exception exception)
        {
            LogSendFailed(logger, exception, connection.Id, roomId);
        }
        finally
        {
            connection.EndPush();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SignalR connection {ConnectionId} cannot keep up with room {RoomId} ({Pending} pushes pending); dropping it")]
    private static partial void LogTooSlow(ILogger logger, string connectionId, string roomId, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A push to SignalR connection {ConnectionId} in room {RoomId} failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string connectionId, string roomId);
}
