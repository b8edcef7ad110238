using Chat.Gateway.Fanout;
using Chat.Gateway.Mapping;
using Chat.Gateway.Observability;
using Chat.Rooms;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Hubs;

/// <summary>
/// Pushes room events to this gateway's SignalR connections: each event becomes one <see cref="SerializedHubMessage"/>
/// (SignalR serializes it once per protocol in use, JSON and/or MessagePack, whatever the number of recipients), then
/// is written to each recipient, each write counted against the connection's bound until SignalR has written it.
/// </summary>
/// <remarks>
/// Why not one group send per event: its single task completes only when the slowest member has been written to, so
/// it cannot tell which connection is behind, and SignalR queues every further send behind that connection's lock
/// with no cap. By contract a connection that cannot keep up is dropped, not waited for (as the raw WebSocket's
/// bounded outbox does). Why not a proxy per connection (<c>Clients.Client(id)</c>): it serializes per connection.
/// </remarks>
public sealed partial class SignalRTransport(
    IOptions<FanoutOptions> options,
    GatewayMetrics metrics,
    ILogger<SignalRTransport> logger) : ILiveTransport
{
    /// <summary>Nothing to mirror: pushes go to connections, not to SignalR groups.</summary>
    public Task AddToRoomAsync(LiveConnection connection, string roomId) => Task.CompletedTask;

    public Task RemoveFromRoomAsync(LiveConnection connection, string roomId) => Task.CompletedTask;

    public void Deliver(RoomEvent roomEvent, IReadOnlyList<LiveConnection> members, IReadOnlyList<LiveConnection> excluded)
    {
        SerializedHubMessage? message = null;
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
            message ??= Serialize(roomEvent);
            ValueTask write;
            try
            {
                write = connection.WriteAsync(message);
            }
            catch (Exception exception)
            {
                write = ValueTask.FromException(exception);
            }
            delivered++;
            if (write.IsCompletedSuccessfully)
            {
                connection.EndPush();
            }
            else
            {
                _ = ObserveAsync(write, connection, roomEvent.RoomId);
            }
        }
        if (delivered > 0 && roomEvent.Kind == RoomEventKind.NewMessage)
        {
            metrics.MessagesDelivered(ChatTransport.SignalR, delivered);
        }
    }

    /// <summary>The hub invocation <see cref="IChatClient"/> describes, for SignalR to serialize once per protocol.</summary>
    private static SerializedHubMessage Serialize(RoomEvent roomEvent)
    {
        var (target, payload) = roomEvent.Kind switch
        {
            RoomEventKind.NewMessage => (nameof(IChatClient.NewMessage), (object)roomEvent.Message!.ToDto()),
            RoomEventKind.UserJoined => (nameof(IChatClient.UserJoined), roomEvent.ToPresenceDto()),
            RoomEventKind.UserLeft => (nameof(IChatClient.UserLeft), roomEvent.ToPresenceDto()),
            RoomEventKind.MessageUpdated => (nameof(IChatClient.MessageUpdated), roomEvent.ToUpdatedDto()),
            _ => throw new ArgumentOutOfRangeException(nameof(roomEvent), roomEvent.Kind, "Not a pushed room event."),
        };
        return new SerializedHubMessage(new InvocationMessage(target, [payload]));
    }

    private async Task ObserveAsync(ValueTask write, SignalRConnection connection, string roomId)
    {
        try
        {
            await write;
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
