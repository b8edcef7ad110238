using System.Diagnostics;
using System.Text;
using Chat.Search;
using Chat.Silo.Storage;
using MySqlConnector;

namespace Chat.SearchBench;

/// <summary>
/// Makes a fresh database with the silo's schema (every migration) and fills <c>messages</c> with the corpus, rows and
/// search tokens exactly as the message log writes them. Migration 60's FULLTEXT index is created after loading, with its
/// own statement, as on a database upgraded with messages in it (a bulk build is much faster than maintaining the
/// index row by row). Note: dropping that index, loading and creating it again left MariaDB 10.11 with an index that
/// found none of the loaded rows until the table was rebuilt; creating it on a table that never had one works.
/// </summary>
public static class Seeder
{
    private const int RowsPerInsert = 1000;

    /// <summary>
    /// Runs every migration's statements (all idempotent), without the FULLTEXT index unless <paramref name="withSearchIndex"/>:
    /// on a seeded database this adds what later migrations brought.
    /// </summary>
    public static async Task CreateSchemaAsync(string connectionString, bool withSearchIndex = false)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var statement in Migrations.All.OrderBy(m => m.Version).SelectMany(m => m.Statements).Where(s => withSearchIndex || s != SearchIndexStatement))
        {
            await ExecuteAsync(connection, statement);
        }
    }

    /// <summary>True when the database already has a message table with rows in it (a seeded corpus to reuse).</summary>
    public static async Task<bool> HasMessagesAsync(string connectionString)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'messages'", connection);
        if (Convert.ToInt64(await command.ExecuteScalarAsync()) == 0)
        {
            return false;
        }
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM messages)";
        return Convert.ToInt64(await command.ExecuteScalarAsync()) == 1;
    }

    public static async Task<TimeSpan> SeedAsync(string connectionString, Corpus corpus, int messages, int rooms, long startMs)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();

        var seqs = new long[rooms];
        var createdAt = startMs;
        for (var done = 0; done < messages; done += RowsPerInsert)
        {
            var count = Math.Min(RowsPerInsert, messages - done);
            await using var insert = new MySqlCommand { Connection = connection };
            var sql = new StringBuilder("INSERT INTO messages (room_id, seq, user_id, username, content, message_type, created_at, client_message_id, search_terms) VALUES ");
            for (var i = 0; i < count; i++)
            {
                var room = corpus.Random.Next(rooms);
                var content = corpus.NextMessage();
                createdAt += corpus.Random.Next(1, 200);
                sql.Append(i == 0 ? "" : ",").Append($"(@r{i},@s{i},@u{i},@u{i},@c{i},'text',@a{i},NULL,@q{i})");
                insert.Parameters.AddWithValue($"@r{i}", RoomId(room));
                insert.Parameters.AddWithValue($"@s{i}", ++seqs[room]);
                insert.Parameters.AddWithValue($"@u{i}", $"user{corpus.Random.Next(5000)}");
                insert.Parameters.AddWithValue($"@c{i}", content);
                insert.Parameters.AddWithValue($"@a{i}", createdAt);
                insert.Parameters.AddWithValue($"@q{i}", SearchTerms.IndexText(content));
            }
            insert.CommandText = sql.ToString();
            await insert.ExecuteNonQueryAsync();
            if ((done + count) % 100_000 == 0)
            {
                Console.Error.WriteLine($"  {done + count:N0} messages ({clock.Elapsed.TotalSeconds:F0} s)");
            }
        }
        Console.Error.WriteLine($"  building the FULLTEXT index ({clock.Elapsed.TotalSeconds:F0} s)");
        await ExecuteAsync(connection, SearchIndexStatement);
        return clock.Elapsed;
    }

    private static readonly string SearchIndexStatement =
        Migrations.All.Single(m => m.Version == 60).Statements.Single(s => s.Contains("FULLTEXT", StringComparison.Ordinal));

    /// <summary>How many of the readable rooms the searching user is a member of (the rest are public).</summary>
    public const int MemberRooms = 20;

    /// <summary>Makes <paramref name="roomIds"/> the public directory (and only them).</summary>
    public static async Task ListPublicRoomsAsync(string connectionString, IEnumerable<string> roomIds)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "DELETE FROM public_rooms");
        foreach (var roomId in roomIds)
        {
            await using var insert = new MySqlCommand(
                "INSERT INTO public_rooms (room_id, name, description, created_by, created_at) VALUES (@id, @id, '', 'system', 0)", connection);
            insert.Parameters.AddWithValue("@id", roomId);
            await insert.ExecuteNonQueryAsync();
        }
    }

    public static string RoomId(int room) => $"room-{room:D4}";

    private static async Task ExecuteAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 3600 };
        await command.ExecuteNonQueryAsync();
    }
}
