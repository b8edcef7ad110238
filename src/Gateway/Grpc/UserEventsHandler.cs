using System.Threading.Channels;
using Chat.Contracts.Errors;
using Chat.Conversations;
using Chat.Gateway.Fanout;
using Chat.Gateway.Observability;
using Chat.Grpc.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Grpc;

/// <summary>
/// Runs one <c>ChatService.SubscribeUserEvents</c> call: a sink of the caller's <see cref="UserFeeds"/> entry, written
/// out in order through a bounded buffer (<see cref="ChatGrpcOptions.SubscribeBufferCapacity"/>). A consumer that lets
/// it fill up is ended with RESOURCE_EXHAUSTED (it reloads ListMyRooms and subscribes again); the gateway shutting
/// down ends it with UNAVAILABLE.
/// </summary>
internal sealed class UserEventsHandler(UserFeeds feeds, IOptions<ChatGrpcOptions> options, GatewayMetrics metrics, IHostApplicationLifetime lifetime)
{
    public async Task RunAsync(IServerStreamWriter<ChatEvent> output, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var sink = new BufferSink(options.Value.SubscribeBufferCapacity);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        await using var subscription = await feeds.SubscribeAsync(caller.UserId, sink, running.Token);
        await context.WriteResponseHeadersAsync([]);
        metrics.ConnectionOpened(ChatTransport.Grpc);
        try
        {
            await foreach (var userEvent in sink.Reader.ReadAllAsync(running.Token))
            {
                await output.WriteAsync(userEvent.ToGrpc(), context.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "This gateway is shutting down; call ListMyRooms and subscribe again."));
        }
        finally
        {
            metrics.ConnectionClosed(ChatTransport.Grpc);
        }
        metrics.RequestFailed(ChatTransport.Grpc, ErrorCatalog.RateLimited.WireCode);
        throw new RpcException(new Status(ErrorCatalog.RateLimited.ToStatusCode(),
            $"The subscriber fell more than {options.Value.SubscribeBufferCapacity} events behind; call ListMyRooms and subscribe again."));
    }

    /// <summary>Completes its reader when an event does not fit: the stream then ends as fallen behind.</summary>
    private sealed class BufferSink(int capacity) : IUserEventSink
    {
        private readonly Channel<UserEvent> _channel = Channel.CreateBounded<UserEvent>(new BoundedChannelOptions(capacity) { SingleReader = true });

        public ChannelReader<UserEvent> Reader => _channel.Reader;

        public bool TryWrite(UserEvent userEvent)
        {
            if (_channel.Writer.TryWrite(userEvent))
            {
                return true;
            }
            _channel.Writer.TryComplete();
            return false;
        }
    }
}
