using System.Net.Http.Json;
using System.Text.Json;
using Chat.Testing;
using MySqlConnector;

namespace Chat.Gateway.Tests.Messages;

/// <summary>One user's REST calls on stored messages, and a look at the row the store keeps.</summary>
internal sealed class MessageRest(ChatCluster cluster, TestUser user) : IDisposable
{
    private readonly HttpClient _http = cluster.CreateClient(user);

    public TestUser User => user;

    public static async Task<(MessageRest Alice, MessageRest Bob, string RoomId)> TwoUsersInANewRoomAsync(ChatCluster cluster)
    {
        var alice = await cluster.RegisterUserAsync("alice");
        var bob = await cluster.RegisterUserAsync("bob");
        var roomId = await TestRooms.CreateAsync(cluster, alice);
        return (new MessageRest(cluster, alice), new MessageRest(cluster, bob), roomId);
    }

    public async Task<JsonElement> SendAsync(string roomId, string content, long? replyToSeq = null)
    {
        using var response = await _http.PostAsJsonAsync("/chat/messages", new { roomId, content, replyToSeq });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<HttpResponseMessage> EditAsync(string roomId, long seq, string? content) =>
        _http.PatchAsJsonAsync($"/chat/rooms/{roomId}/messages/{seq}", new { content });

    public Task<HttpResponseMessage> DeleteAsync(string roomId, long seq) => _http.DeleteAsync($"/chat/rooms/{roomId}/messages/{seq}");

    public Task<HttpResponseMessage> ReactAsync(string roomId, long seq, string emoji) =>
        _http.PutAsync($"/chat/rooms/{roomId}/messages/{seq}/reactions/{Uri.EscapeDataString(emoji)}", null);

    public Task<HttpResponseMessage> UnreactAsync(string roomId, long seq, string emoji) =>
        _http.DeleteAsync($"/chat/rooms/{roomId}/messages/{seq}/reactions/{Uri.EscapeDataString(emoji)}");

    public async Task<JsonElement> ChangesAsync(string roomId, long afterChange = 0, int? limit = null)
    {
        var query = $"?afterChange={afterChange}" + (limit is { } l ? $"&limit={l}" : "");
        return await _http.GetFromJsonAsync<JsonElement>($"/chat/rooms/{roomId}/changes{query}");
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public async Task<JsonElement[]> HistoryAsync(string roomId) =>
        [.. (await _http.GetFromJsonAsync<JsonElement>($"/chat/rooms/{roomId}/messages?afterSeq=0&limit=200")).GetProperty("messages").EnumerateArray()];

    public async Task<JsonElement> MessageAsync(string roomId, long seq) => (await HistoryAsync(roomId)).Single(m => m.GetProperty("seq").GetInt64() == seq);

    /// <summary>The row as the store holds it: (content, deleted), read from MariaDB directly.</summary>
    public static async Task<(string Content, bool Deleted)> StoredRowAsync(ChatCluster cluster, string roomId, long seq)
    {
        await using var connection = new MySqlConnection(cluster.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT content, deleted FROM messages WHERE room_id = @room AND seq = @seq", connection);
        command.Parameters.AddWithValue("@room", roomId);
        command.Parameters.AddWithValue("@seq", seq);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no row for {roomId}:{seq}");
        return (reader.GetString(0), reader.GetBoolean(1));
    }

    /// <summary>How many rows of any table column the text survives in (messages content and reactions, change feed).</summary>
    public static async Task<long> RowsContainingAsync(ChatCluster cluster, string text)
    {
        await using var connection = new MySqlConnection(cluster.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            "SELECT COUNT(*) FROM messages WHERE content LIKE @text OR reactions LIKE @text", connection);
        command.Parameters.AddWithValue("@text", $"%{text}%");
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public void Dispose() => _http.Dispose();
}
