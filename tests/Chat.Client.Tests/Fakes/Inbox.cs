using System.Threading.Channels;

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

    /// <summary>True if nothing more is delivered within a short while (used to prove the absence of duplicates).</summary>
    public async Task<bool> StaysQuietAsync()
    {
        using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        try
        {
            await _channel.Reader.WaitToReadAsync(quiet.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }
}
