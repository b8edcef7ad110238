using Chat.Gateway.Fanout;
using Chat.Gateway.Tests.Support;
using Chat.Rooms;
using Chat.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Streams;

namespace Chat.Gateway.Tests.Transports;

/// <summary>The gateway's side of fan-out: one stream subscription per room, however many local connections, and recovery when it is lost.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class RoomSubscriptionTests(ChatCluster cluster)
{
    [Fact]
    public async Task AGatewayHoldsOneSubscriptionPerRoomAndReleasesItAfterTheLastLeave()
    {
        var user = await cluster.RegisterUserAsync("subs");
        var roomId = await TestRooms.CreateAsync(cluster, user);
        await using var first = await HubClient.ConnectAsync(cluster, user);
        await using var second = await HubClient.ConnectAsync(cluster, user, messagePack: true);
        await using var socket = await WsClient.ConnectAsync(cluster, user);

        await first.JoinAsync(roomId);
        await second.JoinAsync(roomId);
        await socket.RequestAsync("join_room", new { roomId });
        Assert.Single(await RoomStream(roomId).GetAllSubscriptionHandles());

        await first.LeaveAsync(roomId);
        await second.LeaveAsync(roomId);
        Assert.Single(await RoomStream(roomId).GetAllSubscriptionHandles());
        await socket.RequestAsync("leave_room", new { roomId });
        Assert.Empty(await RoomStream(roomId).GetAllSubscriptionHandles());
    }

    [Fact]
    public async Task ALostSubscriptionIsFoundAndMadeAgain()
    {
        var user = await cluster.RegisterUserAsync("lost");
        var roomId = await TestRooms.CreateAsync(cluster, user);
        await using var hub = await HubClient.ConnectAsync(cluster, user);
        await hub.JoinAsync(roomId);
        foreach (var handle in await RoomStream(roomId).GetAllSubscriptionHandles())
        {
            await handle.UnsubscribeAsync();
        }
        Assert.Empty(await RoomStream(roomId).GetAllSubscriptionHandles());

        await cluster.GatewayServices.GetRequiredService<RoomFeeds>().VerifyAllAsync(CancellationToken.None);
        var sent = await TestRooms.SendAsync(cluster, user, roomId, "heard again");

        Assert.Single(await RoomStream(roomId).GetAllSubscriptionHandles());
        Assert.Equal(sent.GetProperty("id").GetString(), (await hub.NextMessageAsync()).Id);
    }

    private IAsyncStream<RoomEvent> RoomStream(string roomId) =>
        cluster.GatewayServices.GetRequiredService<IClusterClient>()
            .GetStreamProvider(ChatStreams.ProviderName)
            .GetStream<RoomEvent>(StreamId.Create(ChatStreams.RoomNamespace, roomId));
}
