using Chat.Grpc.Tests.Support;
using Chat.Grpc.V1;

namespace Chat.Grpc.Tests;

/// <summary>One chat behind every transport: what is sent over gRPC reaches browsers on SignalR, and the other way round.</summary>
[Collection(GrpcClusterCollection.Name)]
public sealed class CrossTransportTests(GrpcCluster grpc)
{
    [Fact]
    public async Task AMessageSentOverGrpcReachesASignalRClient()
    {
        var bot = await grpc.NewUserAsync("bot");
        var person = await grpc.NewUserAsync("person");
        var roomId = await grpc.CreateRoomAsync(person);
        await using var browser = await HubClient.ConnectAsync(grpc.Cluster, person);
        await browser.JoinAsync(roomId);

        var sent = await grpc.SendAsync(bot, roomId, "hello from an integration");
        var pushed = await browser.NextMessageAsync();

        Assert.Equal((sent.Id, sent.Seq, sent.UserId, sent.Content, sent.CreatedAt), (pushed.Id, pushed.Seq, pushed.UserId, pushed.Content, pushed.CreatedAt));
    }

    [Fact]
    public async Task AMessageSentOverSignalRReachesAGrpcSubscriber()
    {
        var bot = await grpc.NewUserAsync("bot");
        var person = await grpc.NewUserAsync("person");
        var roomId = await grpc.CreateRoomAsync(person);
        using var feed = grpc.Subscribe(bot, [roomId]);
        await feed.ReadyAsync();
        await using var browser = await HubClient.ConnectAsync(grpc.Cluster, person);
        await browser.JoinAsync(roomId);

        var sent = await browser.SendAsync(roomId, "hello from a browser");
        var streamed = await feed.NextAsync();

        Assert.Equal(ChatEvent.EventOneofCase.UserJoined, streamed.EventCase);
        var message = (await feed.NextMessageAsync());
        Assert.Equal((sent.Id, sent.Seq, sent.UserId, sent.Username, sent.Content), (message.Id, message.Seq, message.UserId, message.Username, message.Content));
    }
}
