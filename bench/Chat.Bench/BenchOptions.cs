namespace Chat.Bench;

/// <summary>Command-line options: <c>chat-bench SCENARIO --key value ...</c>. Every option has a default; see bench/README.md.</summary>
public sealed class BenchOptions
{
    public required string Scenario { get; init; }
    public Uri Url { get; init; } = new("http://127.0.0.1:3001");
    public int Rooms { get; init; } = 100;
    public int Members { get; init; } = 100;
    public int Connections { get; init; } = 10_000;
    public int Users { get; init; }
    /// <summary>Messages per second across all rooms (open loop: sends start on schedule whether or not earlier ones finished).</summary>
    public double Rate { get; init; } = 1_000;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);
    public string Transport { get; init; } = "msgpack";
    /// <summary>Loopback addresses the client binds to (127.0.0.2 ...) to get past one address's ephemeral ports.</summary>
    public int SourceAddresses { get; init; } = 1;
    public int Concurrency { get; init; } = 64;
    public int ContentBytes { get; init; } = 64;
    public string? JsonOut { get; init; }
    public string Password { get; init; } = "bench-password-1";

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            throw new ArgumentException("usage: chat-bench rooms|bigroom|idle|ingest|churn|reactions [--url U] [--rooms R] [--members M] [--connections C] [--rate S] [--duration SEC] ...");
        }
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--") || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--name value' at '{args[i]}'.");
            }
            values[args[i][2..]] = args[++i];
        }
        string? Get(string key) => values.Remove(key, out var v) ? v : null;
        int Int(string key, int fallback) => Get(key) is { } v ? int.Parse(v) : fallback;
        double Dbl(string key, double fallback) => Get(key) is { } v ? double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;

        var scenario = args[0].ToLowerInvariant();
        var options = new BenchOptions
        {
            Scenario = scenario,
            Url = Get("url") is { } url ? new Uri(url) : new Uri("http://127.0.0.1:3001"),
            Rooms = Int("rooms", scenario == "bigroom" ? 1 : 100),
            Members = Int("members", scenario == "bigroom" ? 10_000 : 100),
            Connections = Int("connections", 10_000),
            Users = Int("users", 0),
            Rate = Dbl("rate", scenario switch { "bigroom" => 5, "reactions" => 20, _ => 1_000 }),
            Duration = TimeSpan.FromSeconds(Dbl("duration", 20)),
            Warmup = TimeSpan.FromSeconds(Dbl("warmup", 5)),
            Transport = Get("transport") ?? "msgpack",
            SourceAddresses = Int("source-addresses", 1),
            Concurrency = Int("concurrency", 64),
            ContentBytes = Int("content-bytes", 64),
            JsonOut = Get("json"),
        };
        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown option(s): {string.Join(", ", values.Keys.Select(k => "--" + k))}");
        }
        return options;
    }
}
