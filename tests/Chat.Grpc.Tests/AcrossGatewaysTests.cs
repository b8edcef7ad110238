using Chat.Grpc.Tests.Support;
using Chat.Grpc.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Chat.Grpc.Tests;

/// <summary>
/// Several gateways on one cluster: a Subscribe on one sees what is sent through another, and when its gateway goes away
/// (a deploy, a scale-in) the stream ends at once with UNAVAILABLE and resumes on another gateway without loss.
/// </summary>
[Collection(GrpcClusterCollection.Name)]
public sealed class AcrossGatewaysTests(GrpcCluster grpc)
{
    [Fact]
    public async Task ASubscriberOnOneGatewaySeesWhatIsSentThroughAnother()
    {
        var user = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(user);
        await using var other = await grpc.Cluster.StartGatewayAsync();
        using var otherChannel = GrpcChannel.ForAddress(other.GrpcAddress);
        var otherChat = new ChatService.ChatServiceClient(otherChannel);

        using var stream = new EventStream(otherChat.Subscribe(new SubscribeRequest { RoomIds = { roomId } }, GrpcCluster.Auth(user)));
        await stream.ReadyAsync();
        var sent = await grpc.SendAsync(user, roomId, "through the first gateway");

        Assert.Equal(sent, await stream.NextMessageAsync());
    }

    [Fact]
    public async Task AGatewayShuttingDownEndsItsStreamsWithUnavailableAndTheyResumeElsewhereWithoutLoss()
    {
        var user = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(user);
        var leaving = await grpc.Cluster.StartGatewayAsync();
        using var leavingChannel = GrpcChannel.ForAddress(leaving.GrpcAddress);
        using var stream = new EventStream(new ChatService.ChatServiceClient(leavingChannel)
            .Subscribe(new SubscribeRequest { RoomIds = { roomId } }, GrpcCluster.Auth(user)));
        await stream.ReadyAsync();
        var seen = await grpc.SendAsync(user, roomId, "seen before the shutdown");
        Assert.Equal(seen, await stream.NextMessageAsync());

        var shutdown = leaving.DisposeAsync().AsTask();
        var error = await Assert.ThrowsAsync<RpcException>(() => stream.NextAsync());
        await shutdown.WaitAsync(Wait.Timeout);
        var missed = await grpc.SendAsync(user, roomId, "sent while the integration was away");

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        using var resumed = grpc.Subscribe(user, [roomId], new Dictionary<string, long> { [roomId] = seen.Seq });
        Assert.Equal(missed, await resumed.NextMessageAsync());
    }
}
