using System.Globalization;

namespace Chat.Bench;

/// <summary>Prints a result as an aligned two-column table (nested latency summaries flattened).</summary>
public static class Report
{
    public static void PrintTable(Dictionary<string, object> result)
    {
        var rows = new List<(string Key, string Value)>();
        foreach (var (key, value) in result)
        {
            switch (value)
            {
                case Dictionary<string, double> nested:
                    rows.AddRange(nested.Select(n => ($"{key}.{n.Key}", Format(n.Value))));
                    break;
                case Dictionary<string, object> map:
                    rows.AddRange(map.Select(n => ($"{key}: {n.Key}", Convert.ToString(n.Value, CultureInfo.InvariantCulture) ?? "")));
                    break;
                default:
                    rows.Add((key, value is double d ? Format(d) : Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
                    break;
            }
        }
        var width = rows.Max(r => r.Key.Length);
        Console.WriteLine();
        foreach (var (key, value) in rows)
        {
            Console.WriteLine($"  {key.PadRight(width)}  {value}");
        }
        Console.WriteLine();
    }

    private static string Format(double value) => value switch
    {
        double.NaN => "n/a",
        >= 1000 => value.ToString("N0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };
}
