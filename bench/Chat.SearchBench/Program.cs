using System.Collections.Immutable;
using System.Diagnostics;
using Chat.Grains.Search;
using Chat.Grains.Storage;
using Chat.Search;
using Chat.SearchBench;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;

// chat-search-bench: search latency on a seeded message log (bench/README.md, "Search on 1M messages").
//   --messages N (1,000,000)  --rooms R (1,000)  --readable K (120: rooms the searching user may read)
//   --queries Q (200 per kind)  --seed S (1)  --keep (leave the database)
//   --database NAME: measure on that database, seeding it only when it holds no messages yet (and keep it): a seeded
//   million messages is reused by later runs instead of being loaded again.
// The server comes from CHAT_MYSQL_ADMIN (a connection string without a database); bench/search-bench.sh starts a
// private MariaDB for it.
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length && !args[p.i + 1].StartsWith("--", StringComparison.Ordinal) ? args[p.i + 1] : "true");
int Option(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v.Replace(",", "").Replace("_", "")) : fallback;
var messages = Option("messages", 1_000_000);
var rooms = Option("rooms", 1_000);
var readable = Option("readable", 120);
var queries = Option("queries", 200);
var seed = Option("seed", 1);
var admin = Environment.GetEnvironmentVariable("CHAT_MYSQL_ADMIN")
    ?? throw new InvalidOperationException("Set CHAT_MYSQL_ADMIN (bench/search-bench.sh does).");

var named = options.TryGetValue("database", out var databaseOption);
var database = named ? databaseOption! : $"chat_searchbench_{Guid.NewGuid():N}"[..40];
var connectionString = new MySqlConnectionStringBuilder(admin) { Database = database, DefaultCommandTimeout = 3600 }.ConnectionString;
await using (var server = new MySqlConnection(admin))
{
    await server.OpenAsync();
    await new MySqlCommand($"CREATE DATABASE IF NOT EXISTS `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", server).ExecuteNonQueryAsync();
}
try
{
    var corpus = new Corpus(seed);
    if (await Seeder.HasMessagesAsync(connectionString))
    {
        Console.Error.WriteLine($"reusing the messages already in {database}; applying any newer migrations");
        await Seeder.CreateSchemaAsync(connectionString, withSearchIndex: true);
    }
    else
    {
        Console.Error.WriteLine($"seeding {messages:N0} messages in {rooms:N0} rooms into {database}");
        await Seeder.CreateSchemaAsync(connectionString);
        var seeded = await Seeder.SeedAsync(connectionString, corpus, messages, rooms, DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeMilliseconds());
        Console.Error.WriteLine($"seeded in {seeded.TotalSeconds:F0} s");
    }

    var search = new MySqlMessageSearch(new MySqlConnections(connectionString, NullLogger<MySqlConnections>.Instance), NullLogger<MySqlMessageSearch>.Instance);
    var random = new Random(seed + 1);
    ImmutableArray<string> readableRooms = [.. Enumerable.Range(0, rooms).OrderBy(_ => random.Next()).Take(readable).Select(Seeder.RoomId)];
    // The searching user is a member of the first MemberRooms readable rooms; the others are public (listed in the
    // directory table, which the store joins), as GET /chat/search asks for them.
    ImmutableArray<string> memberRooms = [.. readableRooms.Take(Seeder.MemberRooms)];
    await Seeder.ListPublicRoomsAsync(connectionString, readableRooms.Skip(Seeder.MemberRooms));
    string OneRoom() => readableRooms[random.Next(readableRooms.Length)];
    string WordOfRank(int from, int to) => corpus.Words[random.Next(from, to)];
    string Chinese()
    {
        var text = corpus.NextMessage();
        while (text[0] < 0x4E00)
        {
            text = corpus.NextMessage();
        }
        var length = random.Next(2, 4);
        return text.Substring(random.Next(text.Length - length), length);
    }

    var kinds = new (string Name, Func<(string Q, ImmutableArray<string> Rooms)> Make)[]
    {
        ("rare word (rank 2,000–20,000), readable rooms", () => (WordOfRank(2_000, 20_000), readableRooms)),
        ("mid word (rank 100–2,000), readable rooms", () => (WordOfRank(100, 2_000), readableRooms)),
        ("common word (rank 0–100), readable rooms", () => (WordOfRank(0, 100), readableRooms)),
        ("two words (mid + common), readable rooms", () => ($"{WordOfRank(100, 2_000)} {WordOfRank(0, 100)}", readableRooms)),
        ("Chinese, 2–3 characters, readable rooms", () => (Chinese(), readableRooms)),
        ("common word, one room", () => (WordOfRank(0, 100), [OneRoom()])),
        ("Chinese, 2–3 characters, one room", () => (Chinese(), [OneRoom()])),
        ("mid word, page 2 (cursor), readable rooms", () => (WordOfRank(100, 2_000), readableRooms)),
    };

    Console.WriteLine($"| query ({messages:N0} messages, {rooms:N0} rooms, {readable} readable, limit 20) | p50 ms | p90 ms | p99 ms | max ms | avg results |");
    Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
    foreach (var (name, make) in kinds)
    {
        var paged = name.Contains("page 2", StringComparison.Ordinal);
        var timings = new List<double>();
        var results = 0L;
        for (var i = -20; i < queries; i++) // the first 20 warm the caches and are not counted
        {
            var (q, scope) = make();
            var query = scope == readableRooms ? new SearchQuery(q, memberRooms, 20, null, PublicRooms: true) : new SearchQuery(q, scope, 20, null);
            if (paged)
            {
                query = query with { Before = (await search.SearchAsync(query)).Next };
            }
            var started = Stopwatch.GetTimestamp();
            var page = await search.SearchAsync(query);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i >= 0)
            {
                timings.Add(elapsed);
                results += page.Results.Length;
            }
        }
        timings.Sort();
        double P(double p) => timings[Math.Min(timings.Count - 1, (int)Math.Ceiling(p * timings.Count) - 1)];
        Console.WriteLine($"| {name} | {P(0.5):F1} | {P(0.9):F1} | {P(0.99):F1} | {timings[^1]:F1} | {(double)results / timings.Count:F1} |");
    }
}
finally
{
    if (!named && !options.ContainsKey("keep"))
    {
        await using var server = new MySqlConnection(admin);
        await server.OpenAsync();
        await new MySqlCommand($"DROP DATABASE IF EXISTS `{database}`", server).ExecuteNonQueryAsync();
    }
}
