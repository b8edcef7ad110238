using Chat.Contracts;
using Chat.Conversations;
using Chat.Gateway.Fanout;
using Chat.Gateway.Mapping;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Hubs;

/// <summary>
/// Writes user events to SignalR connections as <see cref="IUserEventsClient"/> invocations, under the same per-connection
/// bound as room events (<see cref="FanoutOptions.SignalRSendQueueCapacity"/>): a connection that is that far behind is dropped.
/// </summary>
public sealed partial class SignalRUserEvents(IOptions<FanoutOptions> options, ILogger<SignalRUserEvents> logger) : IUserEventTransport
{
    public bool TryDeliver(UserEvent userEvent, LiveConnection connection)
    {
        if (connection is not SignalRConnection signalR)
        {
            return false;
        }
        if (signalR.IsAborted)
        {
            return true;
        }
        if (!signalR.TryBeginPush(options.Value.SignalRSendQueueCapacity))
        {
            if (signalR.Abort())
            {
                LogTooSlow(logger, signalR.Id, signalR.PendingPushes);
            }
            return true;
        }
        _ = WriteAsync(signalR, Serialize(userEvent));
        return true;
    }

    /// <summary>The invocation <see cref="IUserEventsClient"/> describes, for SignalR to serialize once per protocol.</summary>
    public static SerializedHubMessage Serialize(UserEvent userEvent)
    {
        var (target, payload) = userEvent switch
        {
            { Kind: UserEventKind.RoomAdded, Room: { } room } => (nameof(IUserEventsClient.RoomAdded), (object)new RoomChangedDto(room.ToDto())),
            { Kind: UserEventKind.RoomUpdated, Room: { } room } => (nameof(IUserEventsClient.RoomUpdated), new RoomChangedDto(room.ToDto())),
            { Kind: UserEventKind.RoomRemoved } => (nameof(IUserEventsClient.RoomRemoved), new RoomRemovedDto(userEvent.RoomId)),
            { Kind: UserEventKind.ReadUpdated, Read: { } read } => (nameof(IUserEventsClient.ReadUpdated), read.ToDto()),
            _ => throw new ArgumentException($"A {userEvent.Kind} event without its payload.", nameof(userEvent)),
        };
        return new SerializedHubMessage(new InvocationMessage(target, [payload]));
    }

    private async Task WriteAsync(SignalRConnection connection, SerializedHubMessage message)
    {
        try
        {
            await connection.WriteAsync(message);
        }
        catch (Exception exception)
        {
            LogSendFailed(logger, exception, connection.Id);
        }
        finally
        {
            connection.EndPush();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SignalR connection {ConnectionId} cannot keep up ({Pending} pushes pending); dropping it")]
    private static partial void LogTooSlow(ILogger logger, string connectionId, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A user event to SignalR connection {ConnectionId} failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string connectionId);
}
