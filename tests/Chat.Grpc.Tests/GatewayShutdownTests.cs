using Chat.Grpc.Tests.Support;
using Chat.Grpc.V1;
using Chat.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Chat.Grpc.Tests;

/// <summary>
/// A gateway going away (a deploy, a scale-in) ends its Subscribe streams at once with UNAVAILABLE, so integrations
/// resume elsewhere by seq instead of hanging on until the shutdown times out. Uses a system of its own: it stops it.
/// </summary>
public sealed class GatewayShutdownTests : IAsyncLifetime
{
    private readonly ChatCluster cluster = new();
    private GrpcChannel? channel;

    public async Task InitializeAsync()
    {
        await cluster.InitializeAsync();
        channel = GrpcChannel.ForAddress(cluster.GrpcAddress);
    }

    [Fact]
    public async Task SubscribeStreamsEndWithUnavailableWhenTheGatewayBeginsToShutDown()
    {
        var user = await cluster.RegisterUserAsync("leaving");
        var chat = new ChatService.ChatServiceClient(channel);
        using var stream = new EventStream(chat.Subscribe(new SubscribeRequest { RoomIds = { "general" } }, GrpcCluster.Auth(user)));
        await stream.ReadyAsync();

        cluster.GatewayServices.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var error = await Assert.ThrowsAsync<RpcException>(() => stream.NextAsync());

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("after_seq", error.Status.Detail);
    }

    public async Task DisposeAsync()
    {
        channel?.Dispose();
        await cluster.DisposeAsync();
    }
}
