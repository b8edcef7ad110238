using System.Net.Http.Json;
using System.Text.Json;

namespace Chat.Bench;

/// <summary>The REST calls a benchmark needs to set itself up: users, tokens, rooms.</summary>
public sealed class ChatApi(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };

    public sealed record Account(string UserId, string Username, string Token);

    /// <summary>Registers (or, if the name exists from an earlier run, logs in) a user.</summary>
    public async Task<Account> EnsureUserAsync(string username, string password)
    {
        var register = await _http.PostAsJsonAsync("/users/register", new { username, email = $"{username}@bench.test", password });
        var response = register.IsSuccessStatusCode
            ? register
            : await _http.PostAsJsonAsync("/users/login", new { username, password });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var user = body.RootElement.GetProperty("user");
        return new Account(user.GetProperty("id").GetString()!, user.GetProperty("username").GetString()!, body.RootElement.GetProperty("token").GetString()!);
    }

    /// <summary>Creates a public room (an existing one from an earlier run is fine).</summary>
    public async Task EnsureRoomAsync(Account owner, string roomId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/chat/rooms")
        {
            Content = JsonContent.Create(new { id = roomId, name = roomId, description = "benchmark", isPublic = true }),
        };
        request.Headers.Authorization = new("Bearer", owner.Token);
        var response = await _http.SendAsync(request);
        if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"Creating room {roomId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Registers <paramref name="count"/> users, a few at a time (password hashing is deliberately slow).</summary>
    public async Task<Account[]> EnsureUsersAsync(string prefix, int count, string password, int parallelism = 8)
    {
        var accounts = new Account[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            async (i, _) => accounts[i] = await EnsureUserAsync($"{prefix}{i}", password));
        return accounts;
    }

    public void Dispose() => _http.Dispose();
}
