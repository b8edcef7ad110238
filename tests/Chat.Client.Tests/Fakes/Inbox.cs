using System.Threading.Channels;
using Chat.Contracts;

namespace Chat.Client.Tests.Fakes;

/// <summary>Collects what a client delivers, and lets a test await it (never sleep) with a time-out.</summary>
internal sealed class Inbox
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly Channel<DeliveredMessage> _channel = Channel.CreateUnbounded<DeliveredMessage>();

    public List<DeliveredMessage> Received { get; } = [];

    public void Add(DeliveredMessage message) => _channel.Writer.TryWrite(message);

    /// <summary>Waits for the next <paramref name="count"/> deliveries and returns them.</summary>
    public async Task<IReadOnlyList<DeliveredMessage>> NextAsync(int count)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var batch = new List<DeliveredMessage>(count);
        while (batch.Count < count)
        {
            batch.Add(await _channel.Reader.ReadAsync(timeout.Token));
        }
        Received.AddRange(batch);
        return batch;
    }

    /// <summary>
    /// Proves that nothing else was delivered, without waiting for a quiet spell: <paramref name="fence"/> was offered
    /// after everything under test, and a room delivers in seq order, so anything extra (a duplicate) would arrive
    /// before it. Asserts that the fence is the next delivery and that nothing is pending after it.
    /// </summary>
    public async Task AssertOnlyTheFenceFollowsAsync(MessageDto fence)
    {
        var next = Assert.Single(await NextAsync(1));
        Assert.Equal((fence.RoomId, fence.Seq), (next.Message.RoomId, next.Message.Seq));
        Assert.False(_channel.Reader.TryPeek(out var extra), $"Delivered after the fence: seq {extra?.Message.Seq}.");
    }
}
