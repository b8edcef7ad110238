using System.Globalization;
using System.Text.Json;

namespace Chat.Bench;

/// <summary>
/// <c>chat-bench summarize A.json B.json ...</c>: one markdown row per rooms result, CPU per delivery also as a ratio to
/// the first file's (the baseline of the same run), which is the figure that survives a noisy shared machine.
/// </summary>
public static class Summary
{
    public static int Print(IEnumerable<string> files)
    {
        var results = files.Select(f => (File: f, Root: JsonDocument.Parse(File.ReadAllText(f)).RootElement)).ToList();
        if (results.Count == 0)
        {
            Console.Error.WriteLine("usage: chat-bench summarize RESULT.json ...");
            return 2;
        }
        double? reference = null;
        Console.WriteLine("| system | transport | deliveries/s | server CPU-µs/delivery (ratio) | send→deliver p50 / p99 ms | send→ack p50 ms | server RSS MiB | lost / dup / failed | CPU % by process |");
        Console.WriteLine("| --- | --- | --: | --: | --: | --: | --: | --: | --- |");
        foreach (var (file, r) in results)
        {
            var cpu = Number(r, "server_cpu_us_per_delivery");
            reference ??= cpu;
            var deliver = r.GetProperty("send_to_deliver");
            var perProcess = string.Join(", ", r.GetProperty("cpu_percent").EnumerateObject().Select(p => $"{p.Name} {p.Value.GetDouble():0}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Label(r, file)} | {r.GetProperty("transport").GetString()} | {Number(r, "deliveries_per_s"):N0} | {cpu:0.0} ({cpu / reference:0.00}×) | {Number(deliver, "p50_ms"):0.0} / {Number(deliver, "p99_ms"):0.0} | {Number(r.GetProperty("send_to_ack"), "p50_ms"):0.0} | {Number(r.GetProperty("rss_mib"), "servers"):0} | {Number(r, "deliveries_lost")} / {Number(r, "deliveries_duplicated")} / {Number(r, "messages_failed")} | {perProcess} |"));
        }
        return 0;
    }

    private static string Label(JsonElement r, string file) =>
        r.TryGetProperty("label", out var l) && l.GetString() is { Length: > 0 } label ? label : Path.GetFileNameWithoutExtension(file);

    private static double Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
}
