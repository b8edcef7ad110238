using System.Net.Http.Json;
using System.Text.Json;

namespace Chat.Testing;

/// <summary>Rooms and messages made over REST, the way every transport test sets the scene.</summary>
public static class TestRooms
{
    /// <summary>Creates a room through REST and returns its id (public unless said otherwise).</summary>
    public static async Task<string> CreateAsync(ChatCluster cluster, TestUser creator, bool isPublic = true)
    {
        using var http = cluster.CreateClient(creator);
        using var response = await http.PostAsJsonAsync("/chat/rooms", new { name = "Test room", isPublic });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Sends through REST (no live connection: nobody is skipped).</summary>
    public static async Task<JsonElement> SendAsync(ChatCluster cluster, TestUser sender, string roomId, string content)
    {
        using var http = cluster.CreateClient(sender);
        using var response = await http.PostAsJsonAsync("/chat/messages", new { roomId, content });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
