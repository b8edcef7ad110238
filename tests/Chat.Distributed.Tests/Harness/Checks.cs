using Chat.Client;
using Chat.Contracts;

namespace Chat.Distributed.Tests.Harness;

/// <summary>What every scenario verifies at its end: history, acknowledgements and deliveries agree, exactly once.</summary>
internal static class Checks
{
    /// <summary>
    /// Issue #17 item 4: every request a plain client made during a fault ended in success or in a clear, retryable
    /// refusal (503 <c>unavailable</c>, or a gateway that refuses connections because it is gone) — never a 500, never
    /// another code — and none waited past <see cref="RestProbe.HangLimit"/>.
    /// </summary>
    public static void AssertClearAndBounded(IReadOnlyList<ProbeResult> results, string during)
    {
        Assert.True(results.Count > 0, $"no probe requests {during}");
        var unclear = results.Where(r => !r.Succeeded && !r.ClearAndRetryable).ToList();
        Assert.True(unclear.Count == 0, $"{unclear.Count} of {results.Count} requests {during} got an unclear answer: {string.Join("; ", unclear.Take(10))}");
        var hung = results.Where(r => r.Took >= RestProbe.HangLimit).ToList();
        Assert.True(hung.Count == 0, $"{hung.Count} requests {during} waited {RestProbe.HangLimit.TotalSeconds:0} s or more: {string.Join("; ", hung.Take(10))}");
    }

    /// <summary>"N requests: A ok, B 503, C refused connections, longest T s" for a figure.</summary>
    public static string Describe(IReadOnlyList<ProbeResult> results) =>
        $"{results.Count} plain REST sends: {results.Count(r => r.Succeeded)} ok, {results.Count(r => r.Status == 503)}× 503 unavailable, " +
        $"{results.Count(r => r.Failure is not null)} connection refused, longest {results.Max(r => r.Took).TotalSeconds:0.00} s";

    /// <summary>seq runs 1, 2, …, N without a gap or a repeat.</summary>
    public static void AssertGapFree(IReadOnlyList<MessageDto> history)
    {
        for (var i = 0; i < history.Count; i++)
        {
            Assert.True(history[i].Seq == i + 1, $"history seq at position {i} is {history[i].Seq}, expected {i + 1}");
        }
    }

    /// <summary>Every acknowledged send is in history exactly once, with the seq it was acknowledged with; no client id twice.</summary>
    public static void AssertAckedStoredOnce(IReadOnlyList<MessageDto> history, IEnumerable<SendAttempt> acked)
    {
        var byClientId = history.Where(m => m.ClientMessageId is not null).GroupBy(m => (m.UserId, m.ClientMessageId)).ToList();
        var repeated = byClientId.Where(g => g.Count() > 1).Select(g => g.Key.ClientMessageId).ToList();
        Assert.True(repeated.Count == 0, $"stored more than once: {string.Join(", ", repeated)}");
        var bySeq = history.ToDictionary(m => m.Seq);
        foreach (var attempt in acked)
        {
            Assert.True(bySeq.TryGetValue(attempt.Acked!.Seq, out var stored), $"acknowledged seq {attempt.Acked.Seq} is not in history");
            Assert.Equal(attempt.ClientMessageId, stored.ClientMessageId);
        }
    }

    /// <summary>The participant was handed exactly the seqs after <paramref name="afterSeq"/> up to the room's last, in order, once each.</summary>
    public static void AssertDeliveredExactlyOnce(Participant participant, string roomId, long afterSeq, IReadOnlyList<MessageDto> history)
    {
        var seqs = participant.Deliveries(roomId).Select(d => d.Message.Seq).ToList();
        var expected = history.Where(m => m.Seq > afterSeq).Select(m => m.Seq).ToList();
        Assert.True(expected.SequenceEqual(seqs),
            $"{participant.User.Username} in {roomId}: got {Describe(seqs)}, expected {Describe(expected)}");
    }

    /// <summary>Waits until each participant has been handed everything up to <paramref name="lastSeq"/>.</summary>
    public static Task AllReachAsync(IEnumerable<Participant> participants, string roomId, long lastSeq, TimeSpan timeout) =>
        Task.WhenAll(participants.Select(p => p.WaitUntilAsync(x => x.LastSeq(roomId) >= lastSeq, timeout, $"deliveries in {roomId} up to seq {lastSeq} (has {p.LastSeq(roomId)})")));

    private static string Describe(IReadOnlyList<long> seqs) =>
        seqs.Count == 0 ? "nothing" : $"{seqs.Count} messages [{seqs[0]}..{seqs[^1]}]" +
            (seqs.Count <= 20 ? $" ({string.Join(",", seqs)})" : "");
}
