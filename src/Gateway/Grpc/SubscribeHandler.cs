using Chat.Gateway.Application;
using Chat.Grpc.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Grpc;

/// <summary>Runs one <c>ChatService.Subscribe</c> call: validates the request, streams, and accounts for it.</summary>
internal sealed partial class SubscribeHandler(
    IChatApplication chat,
    IRoomFeeds feeds,
    IOptions<ChatGrpcOptions> options,
    SubscribeMetrics metrics,
    ILogger<SubscribeHandler> logger)
{
    public async Task RunAsync(SubscribeRequest request, IServerStreamWriter<ChatEvent> output, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var cancellationToken = context.CancellationToken;
        var settings = options.Value;
        var rooms = SubscribePlan.From(request, settings.MaxRoomsPerSubscribe);
        await using var stream = new RoomEventStream(
            chat, feeds, caller, (roomEvent, token) => output.WriteAsync(roomEvent.ToGrpc(), token), settings, logger, cancellationToken);
        metrics.StreamOpened();
        LogOpened(caller.UserId, rooms.Count);
        try
        {
            await stream.RunAsync(rooms, () => context.WriteResponseHeadersAsync([]), cancellationToken);
        }
        finally
        {
            metrics.StreamClosed(stream.EventsWritten, stream.FellBehind);
        }

        if (!stream.FellBehind)
        {
            return;
        }
        LogFellBehind(caller.UserId, settings.SubscribeBufferCapacity, stream.EventsWritten);
        throw new RpcException(new Status(StatusCode.ResourceExhausted,
            $"The subscriber fell more than {settings.SubscribeBufferCapacity} events behind and was disconnected; " +
            "subscribe again with after_seq set to the last seq received per room to resume without loss."));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Subscribe stream of user {UserId} opened on {RoomCount} rooms")]
    private partial void LogOpened(string userId, int roomCount);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Subscribe stream of user {UserId} fell more than {Capacity} events behind and was ended after {EventCount} events")]
    private partial void LogFellBehind(string userId, int capacity, long eventCount);
}
