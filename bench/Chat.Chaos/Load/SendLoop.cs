namespace Chat.Chaos.Load;

/// <summary>How one transport reads a failed request: its wire code, and whether the contract calls it retryable.</summary>
internal delegate (string Code, bool Retryable) Classifier(Exception exception);

/// <summary>
/// A person typing: one message every interval to one room. A refused or lost send is retried with the same client
/// message id (idempotent) until it is acknowledged; every failed attempt is journaled as an error the client saw.
/// An attempt that takes longer than <see cref="Journal.HangLimit"/> is abandoned and journaled as a hang.
/// </summary>
internal static class SendLoop
{
    public delegate Task<long> Send(string roomId, string content, string clientMessageId, CancellationToken cancellationToken);

    public static async Task RunAsync(Journal journal, string transport, string client, string userId, string roomId,
        Send send, Classifier classify, TimeSpan interval, CancellationToken stop)
    {
        try
        {
            for (var n = 1; !stop.IsCancellationRequested; n++)
            {
                var next = Task.Delay(interval, stop);
                await SendUntilAckedAsync(journal, transport, client, userId, roomId, $"{client} #{n}", send, classify, stop);
                await next;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    /// <summary>One message, retried for up to a minute.</summary>
    public static async Task RunOnceAsync(Journal journal, string transport, string client, string userId, string roomId, Send send, Classifier classify)
    {
        using var minute = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await SendUntilAckedAsync(journal, transport, client, userId, roomId, $"{client} in {roomId}", send, classify, minute.Token);
    }

    private static async Task SendUntilAckedAsync(Journal journal, string transport, string client, string userId, string roomId,
        string content, Send send, Classifier classify, CancellationToken stop)
    {
        var id = Guid.NewGuid().ToString("N");
        var backoff = TimeSpan.FromMilliseconds(200);
        while (!stop.IsCancellationRequested)
        {
            var started = journal.Clock.Elapsed;
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop);
            attempt.CancelAfter(Journal.HangLimit);
            try
            {
                var seq = await send(roomId, content, id, attempt.Token);
                journal.Ack(transport, roomId, userId, id, seq);
                return;
            }
            catch (Exception exception) when (!stop.IsCancellationRequested)
            {
                var (code, retryable) = attempt.IsCancellationRequested ? ("hang", false) : classify(exception);
                journal.Error(transport, client, code, retryable, journal.Clock.Elapsed - started, exception.Message);
                await Task.Delay(backoff, stop);
                backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 2000));
            }
        }
    }
}
