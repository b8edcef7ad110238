using System.Diagnostics;
using System.Globalization;

namespace Chat.Bench.Scenarios;

/// <summary>Message content that carries its intended send time (Stopwatch ticks), padded to a size.</summary>
public static class Payload
{
    public static string Create(long intendedTimestamp, int bytes)
    {
        var head = intendedTimestamp.ToString(CultureInfo.InvariantCulture) + "|";
        return bytes > head.Length ? head + new string('x', bytes - head.Length) : head;
    }

    public static long ReadTimestamp(string content)
    {
        var bar = content.IndexOf('|');
        return bar > 0 && long.TryParse(content.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : 0;
    }

    public static double MillisecondsSince(long timestamp) => Stopwatch.GetElapsedTime(timestamp).TotalMilliseconds;
}
