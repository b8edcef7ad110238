using System.Text;

namespace Chat.Chaos;

/// <summary>The verdict as a Markdown table (per fault) and a list of totals, as docs/DISTRIBUTED.md shows them.</summary>
internal static class Report
{
    public static string Table(Verdict verdict)
    {
        var text = new StringBuilder();
        text.AppendLine("| # | fault | target | at (s) | healed after (s) | client errors | not retryable / hangs | error span (s) | longest failed request (s) | gap-filled deliveries | ghost presence (s) | errors by transport:code |");
        text.AppendLine("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var (row, i) in verdict.Faults.Select((r, i) => (r, i + 1)))
        {
            var codes = string.Join(", ", row.ErrorCodes.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}"));
            text.AppendLine($"| {i} | {row.Fault} | {row.Target} | {row.AtSeconds:0.0} | {row.HealedAfterSeconds:0.0} | {row.Errors} | {row.BadErrors} | " +
                $"{row.ErrorSeconds:0.0} | {row.LongestFailedRequestSeconds:0.0} | {row.GapFilled} | {(row.GhostSeconds is { } g ? g.ToString("0.0") : "–")} | {codes} |");
        }
        text.AppendLine();
        text.AppendLine($"- run: {verdict.Mode}, {verdict.DurationSeconds:0} s, seed {verdict.Seed}, {verdict.Faults.Count} faults; " +
            $"{verdict.AckedSends} sends acknowledged, {verdict.ReceivedDeliveries} deliveries to receiving clients " +
            $"({verdict.GapFilledOutsideFaults} of them filled from history outside any fault window: the baseline of a loaded machine)");
        text.AppendLine($"- acknowledged messages lost: **{verdict.AckedLost}** (must be 0); stored twice: **{verdict.StoredDuplicates}** (0); seq gaps: **{verdict.SeqGaps}** (0)");
        text.AppendLine($"- delivered twice: **{verdict.DeliveredDuplicates}** (0); never delivered: **{verdict.DeliveriesMissing}** (0); " +
            $"Subscribe repeats or jumps: **{verdict.ServerRepeatsOrJumps}** (0)");
        text.AppendLine($"- errors outside fault windows: **{verdict.ErrorsOutsideFaults}** (0); errors not retryable or hung (> 15 s): **{verdict.BadErrors}** (0)");
        text.AppendLine($"- verdict: {(verdict.Passed ? "PASSED" : "FAILED")}");
        foreach (var problem in verdict.Problems.Take(30))
        {
            text.AppendLine($"  - {problem}");
        }
        return text.ToString();
    }
}
