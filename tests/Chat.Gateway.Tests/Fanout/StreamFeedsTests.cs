using System.Collections.Concurrent;
using System.Threading.Channels;
using Chat.Gateway.Fanout;
using Chat.Rooms;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Streams;

namespace Chat.Gateway.Tests.Fanout;

/// <summary>
/// The stream-feed table rooms and users share, driven through a kind of the test's own on real room streams: one
/// subscription per key however many local consumers, a consumer that cannot keep up dropped, the subscription
/// released with the last consumer and made again (with the consumers told) when the cluster lost it.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class StreamFeedsTests(ChatCluster cluster)
{
    [Fact]
    public async Task ConsumersOfOneKeyShareOneSubscriptionReleasedWithTheLast()
    {
        var kind = new RecordingKind(cluster);
        var feeds = new StreamFeeds<RoomEvent>(kind);
        var (key, sender) = await RoomAsync();
        var first = new Sink();
        var second = new Sink();

        var one = await feeds.SubscribeAsync(key, first, CancellationToken.None);
        var two = await feeds.SubscribeAsync(key, second, CancellationToken.None);
        await TestRooms.SendAsync(cluster, sender, key, "hello");

        Assert.Single(await kind.StreamOf(key).GetAllSubscriptionHandles());
        Assert.Equal("hello", await first.NextAsync());
        Assert.Equal("hello", await second.NextAsync());
        Assert.Equal([key], kind.Subscribed);
        await one.DisposeAsync();
        Assert.Single(await kind.StreamOf(key).GetAllSubscriptionHandles());
        await two.DisposeAsync();
        await two.DisposeAsync(); // a second dispose changes nothing
        Assert.Empty(await kind.StreamOf(key).GetAllSubscriptionHandles());
        Assert.Equal(0, feeds.Count);
        Assert.Equal([key], kind.Unsubscribed);
    }

    [Fact]
    public async Task AConsumerThatRefusesAnEventIsDroppedAndTheOthersKeepReceiving()
    {
        var kind = new RecordingKind(cluster);
        var feeds = new StreamFeeds<RoomEvent>(kind);
        var (key, sender) = await RoomAsync();
        var slow = new Sink { Accepts = false };
        var steady = new Sink();
        await feeds.SubscribeAsync(key, slow, CancellationToken.None);
        await using var subscription = await feeds.SubscribeAsync(key, steady, CancellationToken.None);

        await TestRooms.SendAsync(cluster, sender, key, "first");
        Assert.Equal("first", await steady.NextAsync());
        slow.Accepts = true;
        await TestRooms.SendAsync(cluster, sender, key, "second");

        Assert.Equal("second", await steady.NextAsync());
        Assert.False(slow.Received.Reader.TryRead(out var late), $"The dropped consumer got {late}.");
        Assert.Equal(1, feeds.Count);
    }

    [Fact]
    public async Task ALostSubscriptionIsMadeAgainAndItsConsumersAreToldTheyMayHaveMissedEvents()
    {
        var kind = new RecordingKind(cluster);
        var feeds = new StreamFeeds<RoomEvent>(kind);
        var (key, sender) = await RoomAsync();
        var sink = new Sink();
        await using var subscription = await feeds.SubscribeAsync(key, sink, CancellationToken.None);
        await feeds.VerifyAllAsync(CancellationToken.None);
        Assert.Empty(kind.Resubscribed); // nothing was lost yet
        foreach (var handle in await kind.StreamOf(key).GetAllSubscriptionHandles())
        {
            await handle.UnsubscribeAsync();
        }

        await feeds.VerifyAllAsync(CancellationToken.None);
        await TestRooms.SendAsync(cluster, sender, key, "after the repair");

        Assert.Equal([key], kind.Resubscribed);
        Assert.Equal(1, sink.Resubscriptions);
        Assert.Equal("after the repair", await sink.NextAsync());
        Assert.Single(await kind.StreamOf(key).GetAllSubscriptionHandles());
    }

    private async Task<(string RoomId, TestUser Sender)> RoomAsync()
    {
        var owner = await cluster.RegisterUserAsync("feeds");
        return (await TestRooms.CreateAsync(cluster, owner), owner);
    }

    private sealed class RecordingKind(ChatCluster cluster) : IFeedKind<RoomEvent>
    {
        public ConcurrentQueue<string> Subscribed { get; } = new();

        public ConcurrentQueue<string> Unsubscribed { get; } = new();

        public ConcurrentQueue<string> Resubscribed { get; } = new();

        public IAsyncStream<RoomEvent> StreamOf(string key) =>
            cluster.GatewayServices.GetRequiredService<IClusterClient>()
                .GetStreamProvider(ChatStreams.ProviderName)
                .GetStream<RoomEvent>(StreamId.Create(ChatStreams.RoomNamespace, key));

        public void Delivering(string key, RoomEvent item, int sinkCount)
        {
        }

        void IFeedKind<RoomEvent>.Subscribed(string key) => Subscribed.Enqueue(key);

        void IFeedKind<RoomEvent>.Unsubscribed(string key) => Unsubscribed.Enqueue(key);

        public void SinkFailed(string key, Exception exception)
        {
        }

        public void StreamError(string key, Exception exception)
        {
        }

        public void Resubscribing(string key) => Resubscribed.Enqueue(key);

        public void UnsubscribeFailed(string key, string reason)
        {
        }

        public void VerifyFailed(string key, string reason)
        {
        }
    }

    private sealed class Sink : IFeedSink<RoomEvent>
    {
        private int _resubscriptions;

        public Channel<string> Received { get; } = Channel.CreateUnbounded<string>();

        public bool Accepts { get; set; } = true;

        public int Resubscriptions => Volatile.Read(ref _resubscriptions);

        /// <summary>Keeps the content of new messages (the room's other events only have to be accepted).</summary>
        public bool TryWrite(RoomEvent item) =>
            Accepts && (item is not { Kind: RoomEventKind.NewMessage, Message: { } message } || Received.Writer.TryWrite(message.Content));

        public void OnResubscribed() => Interlocked.Increment(ref _resubscriptions);

        public async Task<string> NextAsync()
        {
            using var deadline = new CancellationTokenSource(Wait.Timeout);
            return await Received.Reader.ReadAsync(deadline.Token);
        }
    }
}
