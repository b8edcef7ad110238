using Chat.Contracts.Errors;
using Chat.Errors;
using Chat.Gateway.Application;
using Chat.Gateway.Auth;
using Chat.Gateway.Errors;
using Chat.Gateway.Fanout;
using Chat.Gateway.Observability;
using Chat.Gateway.Quotas;
using Chat.Grpc.V1;
using Chat.Rooms;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Grpc;

/// <summary>
/// Runs one <c>ChatService.Subscribe</c> call: validates the request, streams, and accounts for it (an open stream
/// counts as a gRPC connection; a stream whose consumer fell behind as a rate_limited refusal). When the gateway
/// begins to shut down, its streams end at once with UNAVAILABLE, so that their clients resume on another gateway
/// instead of holding this one's shutdown up.
/// </summary>
internal sealed partial class SubscribeHandler(
    IChatApplication chat,
    IRoomFeeds feeds,
    IOptions<ChatGrpcOptions> options,
    GatewayMetrics metrics,
    IHostApplicationLifetime lifetime,
    LiveSessions sessions,
    UserConnectionCounts counts,
    UserRateQuotas rateQuotas,
    IOptions<QuotaOptions> quotas,
    TimeProvider time,
    ILogger<SubscribeHandler> logger)
{
    public async Task RunAsync(SubscribeRequest request, IServerStreamWriter<ChatEvent> output, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var settings = options.Value;
        var rooms = SubscribePlan.From(request, settings.MaxRoomsPerSubscribe);
        rateQuotas.Spend(caller.UserId, RateQuota.Join, rooms.Count);
        using var slot = counts.Acquire(caller.UserId, ConnectionKind.Subscribe);
        // Writes stop only for the client (a cancelled write resets the stream); everything else stops for shutdown too.
        await using var stream = new RoomEventStream(chat, feeds, caller, WriteAsync, settings, logger, context.CancellationToken)
        {
            MaxReplayMessages = quotas.Value.MaxReplayMessages,
        };
        // The stream never outlives its session nor its token: either ends it with UNAUTHENTICATED.
        using var sessionEnded = new CancellationTokenSource(TokenExpiry.TimeLeft(context.GetHttpContext().User, time), time);
        var endReason = "the access token expired";
        using var tracked = sessions.Track(caller.SessionId, reason =>
        {
            endReason = $"the session ended ({reason})";
            CancelQuietly(sessionEnded);
        });
        using var running = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping, sessionEnded.Token);

        metrics.ConnectionOpened(ChatTransport.Grpc);
        LogOpened(caller.UserId, rooms.Count);
        try
        {
            await stream.RunAsync(rooms, () => context.WriteResponseHeadersAsync([]), running.Token);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable,
                "This gateway is shutting down; subscribe again with after_seq set to the last seq received per room to resume without loss."));
        }
        catch (OperationCanceledException) when (sessionEnded.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                $"The stream ended because {endReason}; refresh the token (or sign in again) and subscribe again with after_seq to resume."));
        }
        finally
        {
            metrics.ConnectionClosed(ChatTransport.Grpc);
        }

        if (!stream.FellBehind)
        {
            return;
        }
        LogFellBehind(caller.UserId, settings.SubscribeBufferCapacity, stream.EventsWritten);
        metrics.RequestFailed(ChatTransport.Grpc, ErrorCatalog.RateLimited.WireCode);
        throw new RpcException(new Status(ErrorCatalog.RateLimited.ToStatusCode(),
            $"The subscriber fell more than {settings.SubscribeBufferCapacity} events behind and was disconnected; " +
            "subscribe again with after_seq set to the last seq received per room to resume without loss."));

        async Task WriteAsync(RoomEvent roomEvent, CancellationToken cancellationToken)
        {
            await output.WriteAsync(roomEvent.ToGrpc(), cancellationToken);
            if (roomEvent.Kind == RoomEventKind.NewMessage)
            {
                metrics.MessagesDelivered(ChatTransport.Grpc, connectionCount: 1);
            }
        }
    }

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream already ended.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Subscribe stream of user {UserId} opened on {RoomCount} rooms")]
    private partial void LogOpened(string userId, int roomCount);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Subscribe stream of user {UserId} fell more than {Capacity} events behind and was ended after {EventCount} events")]
    private partial void LogFellBehind(string userId, int capacity, long eventCount);
}
