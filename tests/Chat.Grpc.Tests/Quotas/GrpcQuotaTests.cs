using Chat.Gateway.Quotas;
using Chat.Grpc.Tests.Support;
using Chat.Grpc.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chat.Grpc.Tests.Quotas;

/// <summary>gRPC's share of the quotas: open Subscribe streams per user, and ids checked before any grain is touched.</summary>
[Collection(GrpcClusterCollection.Name)]
public sealed class GrpcQuotaTests(GrpcCluster grpc)
{
    [Fact]
    public async Task OneSubscribeMoreThanTheQuotaIsResourceExhaustedAndClosingOneFreesItsSlot()
    {
        var user = await grpc.NewUserAsync();
        var quota = grpc.Cluster.GatewayServices.GetRequiredService<IOptions<QuotaOptions>>().Value.SubscribesPerUser;
        var open = new List<EventStream>();
        try
        {
            for (var i = 0; i < quota; i++)
            {
                var stream = new EventStream(grpc.Chat.Subscribe(new SubscribeRequest { RoomIds = { "general" } }, GrpcCluster.Auth(user)));
                open.Add(stream);
                await stream.ReadyAsync();
            }

            using var refused = new EventStream(grpc.Chat.Subscribe(new SubscribeRequest { RoomIds = { "general" } }, GrpcCluster.Auth(user)));
            var error = await Assert.ThrowsAsync<RpcException>(() => refused.Call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(Wait.Timeout));

            Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
            Assert.Contains("Subscribe streams", error.Status.Detail);
            open[0].Dispose();
            open.RemoveAt(0);
            await Wait.UntilAsync(async () =>
            {
                using var retry = new EventStream(grpc.Chat.Subscribe(new SubscribeRequest { RoomIds = { "general" } }, GrpcCluster.Auth(user)));
                try
                {
                    await retry.ReadyAsync();
                    return true;
                }
                catch (RpcException exception) when (exception.StatusCode == StatusCode.ResourceExhausted)
                {
                    return false;
                }
            }, "a cancelled stream's slot is free again");
        }
        finally
        {
            open.ForEach(stream => stream.Dispose());
        }
    }

    [Fact]
    public async Task AnOversizedUserIdIsNotFoundAtOnce()
    {
        var user = await grpc.NewUserAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await grpc.Users.GetUserAsync(new GetUserRequest { UserId = new string('x', 60_000) }, GrpcCluster.Auth(user)));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
