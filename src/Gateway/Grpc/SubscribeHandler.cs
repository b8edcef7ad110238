using Chat.Gateway.Application;
using Chat.Grpc.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Grpc;

/// <summary>Runs one <c>ChatService.Subscribe</c> call: validates the request, streams, and accounts for it.</summary>
public sealed partial class SubscribeHandler(
    IChatApplication chat,
    IRoomFeeds feeds,
    IOptions<ChatGrpcOptions> options,
    SubscribeMetrics metrics,
    ILogger<SubscribeHandler> logger)
{
    public async Task RunAsync(Caller caller, SubscribeRequest request, IServerStreamWriter<ChatEvent> output, CancellationToken cancellationToken)
    {
        var rooms = SubscribePlan.From(request, options.Value.MaxRoomsPerSubscribe);
        await using var stream = new RoomEventStream(chat, feeds, caller, output, options.Value, logger, cancellationToken);
        metrics.StreamOpened();
        LogOpened(caller.UserId, rooms.Count);
        try
        {
            await stream.RunAsync(rooms, cancellationToken);
        }
        finally
        {
            metrics.StreamClosed(stream.EventsWritten, stream.FellBehindLiveEvents);
            if (stream.FellBehindLiveEvents)
            {
                LogFellBehind(caller.UserId, options.Value.SubscribeBufferCapacity, stream.EventsWritten);
            }
            else
            {
                LogClosed(caller.UserId, stream.EventsWritten);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Subscribe stream of user {UserId} opened on {RoomCount} rooms")]
    private partial void LogOpened(string userId, int roomCount);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Subscribe stream of user {UserId} closed after {EventCount} events")]
    private partial void LogClosed(string userId, long eventCount);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Subscribe stream of user {UserId} fell more than {Capacity} events behind and was ended after {EventCount} events")]
    private partial void LogFellBehind(string userId, int capacity, long eventCount);
}
