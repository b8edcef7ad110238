using System.Collections.Concurrent;
using Chat.Client;
using Chat.Contracts;

namespace Chat.Distributed.Harness;

/// <summary>One send as its sender saw it: acknowledged with the stored message, or failed with an error.</summary>
internal sealed record SendAttempt(string Sender, string RoomId, string ClientMessageId, TimeSpan Started, TimeSpan Ended, MessageDto? Acked, ChatClientException? Error)
{
    public TimeSpan Duration => Ended - Started;
}

/// <summary>
/// Steady traffic: each sender sends to its room every <c>interval</c> (never two of its own at once, as a person
/// types), through the client library, so transient failures are retried with the same client message id.
/// </summary>
internal sealed class Traffic
{
    private readonly ConcurrentQueue<SendAttempt> _attempts = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _senders = [];

    public IReadOnlyList<SendAttempt> Attempts => [.. _attempts.OrderBy(a => a.Started)];

    public IEnumerable<SendAttempt> Acked => Attempts.Where(a => a.Acked is not null);

    public static Traffic Start(IEnumerable<(Participant Sender, string RoomId)> senders, TimeSpan interval)
    {
        var traffic = new Traffic();
        var index = 0;
        foreach (var (sender, roomId) in senders)
        {
            var offset = interval * (index++ % 7) / 7; // spread the senders over the interval
            traffic._senders.Add(Task.Run(() => traffic.SendLoopAsync(sender, roomId, interval, offset)));
        }
        return traffic;
    }

    /// <summary>Sends one message now and records it.</summary>
    public static async Task<SendAttempt> SendOnceAsync(Participant sender, string roomId, string content, string? clientMessageId = null)
    {
        var id = clientMessageId ?? ChatClient.NewClientMessageId();
        var started = Participant.Clock.Elapsed;
        try
        {
            var message = await sender.Client.SendMessageAsync(roomId, content, id);
            return new SendAttempt(sender.User.Username, roomId, id, started, Participant.Clock.Elapsed, message, null);
        }
        catch (ChatClientException exception)
        {
            return new SendAttempt(sender.User.Username, roomId, id, started, Participant.Clock.Elapsed, null, exception);
        }
    }

    /// <summary>Stops sending and waits for the sends in flight to end.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_senders);
    }

    private async Task SendLoopAsync(Participant sender, string roomId, TimeSpan interval, TimeSpan offset)
    {
        try
        {
            await Task.Delay(offset, _stop.Token);
            for (var n = 1; !_stop.IsCancellationRequested; n++)
            {
                var next = Task.Delay(interval, _stop.Token);
                _attempts.Enqueue(await SendOnceAsync(sender, roomId, $"{sender.User.Username} #{n}"));
                await next;
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped between sends.
        }
    }
}
