using Chat.Chaos.Faults;
using Chat.Chaos.Load;
using Chat.Client;
using Chat.Contracts;

namespace Chat.Chaos;

/// <summary>What one fault did to the clients.</summary>
internal sealed record FaultRow(
    string Fault, string Target, double AtSeconds, double HealedAfterSeconds, int Errors, int BadErrors, double ErrorSeconds,
    double LongestFailedRequestSeconds, int GapFilled, double? GhostSeconds, IReadOnlyDictionary<string, int> ErrorCodes);

/// <summary>The run's verdict: the per-fault rows and the totals, of which the must-be-zero ones decide the exit code.</summary>
internal sealed record Verdict(
    string Mode, double DurationSeconds, int Seed, int AckedSends, int ReceivedDeliveries, IReadOnlyList<FaultRow> Faults,
    int AckedLost, int StoredDuplicates, int SeqGaps, int DeliveredDuplicates, int DeliveriesMissing, int ServerRepeatsOrJumps,
    int ErrorsOutsideFaults, int BadErrors, int GapFilledOutsideFaults, IReadOnlyList<string> Problems)
{
    public bool Passed => AckedLost == 0 && StoredDuplicates == 0 && SeqGaps == 0 && DeliveredDuplicates == 0 && DeliveriesMissing == 0
        && ServerRepeatsOrJumps == 0 && ErrorsOutsideFaults == 0 && BadErrors == 0;

    /// <summary>
    /// Judges the journal against what is stored. Lost: an acknowledged send missing from history (or at another seq).
    /// Duplicates: a client id stored twice, or a seq handed to a receiver twice. Missing: a seq a receiver should have
    /// got (after it started following) and never did. Bad: a refusal the contract does not call retryable, or a hang.
    /// </summary>
    public static Verdict Judge(ChaosOptions options, TimeSpan duration, Journal journal, IReadOnlyList<FaultWindow> windows,
        IReadOnlyDictionary<string, IReadOnlyList<MessageDto>> history, int serverRepeatsOrJumps)
    {
        var problems = new List<string>();
        var acked = journal.Acked;
        var lost = acked.Where(a => !history[a.RoomId].Any(m => m.Seq == a.Seq && m.ClientMessageId == a.ClientMessageId)).ToList();
        problems.AddRange(lost.Take(10).Select(a => $"acked but not stored: {a.Transport} {a.RoomId} seq {a.Seq}"));
        var storedTwice = history.Values.SelectMany(h => h).Where(m => m.ClientMessageId is not null)
            .GroupBy(m => (m.RoomId, m.UserId, m.ClientMessageId)).Count(g => g.Count() > 1);
        var gaps = history.Values.Sum(h => h.Where((m, i) => m.Seq != i + 1).Count());

        var deliveries = journal.Deliveries;
        var delivered = deliveries.GroupBy(d => (d.Receiver, d.RoomId)).ToDictionary(g => g.Key, g => g.Select(d => d.Seq).ToList());
        var duplicates = delivered.Values.Sum(seqs => seqs.Count - seqs.Distinct().Count());
        var missing = 0;
        foreach (var ((receiver, roomId), after) in journal.StartedAfter)
        {
            var got = delivered.GetValueOrDefault((receiver, roomId))?.ToHashSet() ?? [];
            var absent = history[roomId].Where(m => m.Seq > after && !got.Contains(m.Seq)).ToList();
            missing += absent.Count;
            if (absent.Count > 0)
            {
                problems.Add($"{receiver} never got {absent.Count} message(s) of {roomId} (first seq {absent[0].Seq})");
            }
        }

        var errors = journal.Errors;
        var outside = errors.Where(e => !windows.Any(w => w.Overlaps(e.At, e.At + e.Took))).ToList();
        problems.AddRange(outside.Take(10).Select(e => $"error outside any fault at {e.At.TotalSeconds:0.0} s: {e.Transport} {e.Client} {e.Code} ({e.Detail})"));
        var bad = errors.Where(e => !e.Retryable).ToList();
        problems.AddRange(bad.Take(10).Select(e => $"not a clear retryable refusal at {e.At.TotalSeconds:0.0} s: {e.Transport} {e.Client} {e.Code} after {e.Took.TotalSeconds:0.0} s ({e.Detail})"));

        var rows = windows.Select(w =>
        {
            var inside = errors.Where(e => w.Overlaps(e.At, e.At + e.Took)).ToList();
            var span = inside.Count == 0 ? 0 : (inside.Max(e => e.At + e.Took) - inside.Min(e => e.At)).TotalSeconds;
            return new FaultRow(w.Kind.ToString(), w.Target, Round(w.Start), Round(w.Healed - w.Start), inside.Count,
                inside.Count(e => !e.Retryable), Round(span), inside.Count == 0 ? 0 : Round(inside.Max(e => e.Took)),
                deliveries.Count(d => d.GapFilled && w.Contains(d.At)), w.Ghost is { } g ? Round(g) : null,
                inside.GroupBy(e => $"{e.Transport}:{e.Code}").ToDictionary(g => g.Key, g => g.Count()));
        }).ToList();

        return new Verdict(options.Short ? "short" : "full", Round(duration), options.Seed, acked.Count, deliveries.Count, rows,
            lost.Count, storedTwice, gaps, duplicates, missing, serverRepeatsOrJumps, outside.Count, bad.Count,
            deliveries.Count(d => d.GapFilled && !windows.Any(w => w.Contains(d.At))), problems);
    }

    private static double Round(TimeSpan value) => Math.Round(value.TotalSeconds, 1);

    private static double Round(double value) => Math.Round(value, 1);
}
