using Chat.Contracts;
using Chat.Conversations;
using Chat.Gateway.Fanout;
using Chat.Gateway.Tests.Support;
using Chat.Rooms;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Streams;
using static Chat.Gateway.Tests.Conversations.Conversation;

namespace Chat.Gateway.Tests.Conversations;

/// <summary>The gateway's user-event subscriptions: one per user however many connections, released with the last, repaired when lost.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class UserFeedTests(ChatCluster cluster)
{
    [Fact]
    public async Task AGatewayHoldsOneSubscriptionPerUserAndReleasesItWithTheLastConnection()
    {
        var user = await cluster.RegisterUserAsync("feeds");
        var first = await HubClient.ConnectAsync(cluster, user);
        var second = await HubClient.ConnectAsync(cluster, user, messagePack: true);
        var socket = await WsClient.ConnectAsync(cluster, user);
        await socket.RequestAsync("ping");
        await first.Connection.InvokeAsync<MyRoomDto[]>("GetMyRooms");
        await second.Connection.InvokeAsync<MyRoomDto[]>("GetMyRooms");

        Assert.Single(await UserStream(user.Id).GetAllSubscriptionHandles());
        await first.DisposeAsync();
        await socket.DisposeAsync();
        Assert.Single(await UserStream(user.Id).GetAllSubscriptionHandles());
        await second.DisposeAsync();
        await Wait.UntilAsync(async () => (await UserStream(user.Id).GetAllSubscriptionHandles()).Count == 0, "the last connection's subscription is released");
    }

    [Fact]
    public async Task ALostSubscriptionIsFoundAndMadeAgain()
    {
        var owner = await cluster.RegisterUserAsync("owner");
        var user = await cluster.RegisterUserAsync("lost");
        var roomId = await TestRooms.CreateAsync(cluster, owner);
        await using var hub = await HubClient.ConnectAsync(cluster, user);
        var events = new UserEventRecorder(hub.Connection);
        await hub.Connection.InvokeAsync<MyRoomDto[]>("GetMyRooms");
        foreach (var handle in await UserStream(user.Id).GetAllSubscriptionHandles())
        {
            await handle.UnsubscribeAsync();
        }
        Assert.Empty(await UserStream(user.Id).GetAllSubscriptionHandles());

        await cluster.GatewayServices.GetRequiredService<UserFeeds>().VerifyAllAsync(CancellationToken.None);
        using var http = cluster.CreateClient(user);
        await JoinAsync(http, roomId);

        Assert.Single(await UserStream(user.Id).GetAllSubscriptionHandles());
        Assert.Equal(roomId, (await events.NextAsync<RoomChangedDto>("RoomAdded")).Room.Id);
    }

    private IAsyncStream<UserEvent> UserStream(string userId) =>
        cluster.GatewayServices.GetRequiredService<IClusterClient>()
            .GetStreamProvider(ChatStreams.ProviderName)
            .GetStream<UserEvent>(StreamId.Create(UserStreams.Namespace, userId));
}
