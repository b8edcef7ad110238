using Chat.Gateway.Grpc;
using Chat.Grpc.Tests.Support;
using Chat.Grpc.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Chat.Grpc.Tests.Quotas;

/// <summary>
/// gRPC's share of the read and join quotas and the replay cap, on a gateway started with <see cref="TinyQuotas"/>:
/// the call after the burst is RESOURCE_EXHAUSTED with a retry pushback, each room of a Subscribe is a join, and
/// another user on the same gateway is not affected.
/// </summary>
[Collection(GrpcClusterCollection.Name)]
public sealed class GrpcReadJoinQuotaTests(GrpcCluster grpc)
{
    [Fact]
    public async Task ReadsBeyondTheQuotaAreResourceExhaustedWithAPushbackAndOtherUsersStillRead()
    {
        await using var gateway = await TinyQuotaGateway.StartAsync(grpc);
        var chat = gateway.Chat;
        var (reader, bystander) = (await grpc.NewUserAsync(), await grpc.NewUserAsync());
        for (var i = 0; i < TinyQuotas.Reads; i++)
        {
            await chat.GetMessagesAsync(new GetMessagesRequest { RoomId = "general" }, GrpcCluster.Auth(reader));
        }

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await chat.GetMessagesAsync(new GetMessagesRequest { RoomId = "no-such-room-anywhere" }, GrpcCluster.Auth(reader)));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.True(long.Parse(refused.Trailers.GetValue(ChatStatusCodes.RetryPushbackTrailer)!) > 0);
        await chat.GetMessagesAsync(new GetMessagesRequest { RoomId = "general" }, GrpcCluster.Auth(bystander));
    }

    [Fact]
    public async Task EachRoomOfASubscribeIsAJoinAndJoinsBeyondTheQuotaAreResourceExhausted()
    {
        await using var gateway = await TinyQuotaGateway.StartAsync(grpc);
        var chat = gateway.Chat;
        var (user, bystander) = (await grpc.NewUserAsync(), await grpc.NewUserAsync());
        string[] rooms = ["general", "tech"];
        Assert.Equal(TinyQuotas.Joins, rooms.Length);
        using var first = new EventStream(chat.Subscribe(new SubscribeRequest { RoomIds = { rooms } }, GrpcCluster.Auth(user)));
        await first.ReadyAsync();

        using var second = new EventStream(chat.Subscribe(new SubscribeRequest { RoomIds = { "random" } }, GrpcCluster.Auth(user)));
        var refusedSubscribe = await Assert.ThrowsAsync<RpcException>(() => second.Call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(Wait.Timeout));
        var refusedJoin = await Assert.ThrowsAsync<RpcException>(async () =>
            await chat.JoinRoomAsync(new RoomIdRequest { RoomId = "random" }, GrpcCluster.Auth(user)));

        Assert.Equal(StatusCode.ResourceExhausted, refusedSubscribe.StatusCode);
        Assert.Equal(StatusCode.ResourceExhausted, refusedJoin.StatusCode);
        Assert.NotNull(refusedJoin.Trailers.GetValue(ChatStatusCodes.RetryPushbackTrailer));
        using var other = new EventStream(chat.Subscribe(new SubscribeRequest { RoomIds = { "random" } }, GrpcCluster.Auth(bystander)));
        await other.ReadyAsync();
    }

    [Fact]
    public async Task ASubscribeThatWouldReplayMoreThanTheCapEndsWithResourceExhaustedBeforeStreamingAnything()
    {
        await using var gateway = await TinyQuotaGateway.StartAsync(grpc);
        var chat = gateway.Chat;
        var user = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(user);
        for (var i = 1; i <= TinyQuotas.ReplayMessages + 1; i++)
        {
            await grpc.SendAsync(user, roomId, $"message {i}");
        }

        using var tooMuch = new EventStream(chat.Subscribe(new SubscribeRequest { RoomIds = { roomId }, AfterSeq = { [roomId] = 0 } }, GrpcCluster.Auth(user)));
        var refused = await Assert.ThrowsAsync<RpcException>(() => tooMuch.Call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(Wait.Timeout));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("replay", refused.Status.Detail);
        // Within the cap, the same room replays.
        using var within = new EventStream(chat.Subscribe(new SubscribeRequest { RoomIds = { roomId }, AfterSeq = { [roomId] = 1 } }, GrpcCluster.Auth(user)));
        Assert.Equal(["message 2", "message 3"], (await within.NextMessagesAsync(TinyQuotas.ReplayMessages)).Select(message => message.Content));
    }

    /// <summary>A gateway of the cluster with <see cref="TinyQuotas"/>, and a gRPC client of it.</summary>
    private sealed class TinyQuotaGateway(GatewayHost host, GrpcChannel channel) : IAsyncDisposable
    {
        public ChatService.ChatServiceClient Chat { get; } = new(channel);

        public static async Task<TinyQuotaGateway> StartAsync(GrpcCluster grpc)
        {
            var host = await grpc.Cluster.StartGatewayAsync(TinyQuotas.Apply);
            return new TinyQuotaGateway(host, GrpcChannel.ForAddress(host.GrpcAddress));
        }

        public async ValueTask DisposeAsync()
        {
            channel.Dispose();
            await host.DisposeAsync();
        }
    }
}
