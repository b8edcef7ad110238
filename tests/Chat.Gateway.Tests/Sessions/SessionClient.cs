using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Chat.Gateway.Tests.Sessions;

/// <summary>One signed-in session over REST as a client holds it: its access token and its refresh token.</summary>
public sealed record SessionTokens(string UserId, string Username, string AccessToken, string RefreshToken)
{
    public TestUser AsUser => new(AccessToken, UserId, Username);

    /// <summary>The <c>sid</c> claim of the access token.</summary>
    public string SessionId => new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(AccessToken).GetClaim("sid").Value;
}

/// <summary>Register, log in and refresh over REST, keeping the refresh tokens the tests need.</summary>
public static class SessionClient
{
    public static async Task<SessionTokens> RegisterAsync(ChatCluster cluster)
    {
        var username = $"s_{Guid.NewGuid():N}"[..20];
        using var response = await cluster.Http.PostAsJsonAsync("/users/register",
            new { username, email = $"{username}@example.test", password = ChatCluster.Password });
        return await ReadAsync(response);
    }

    public static async Task<SessionTokens> LogInAsync(ChatCluster cluster, string username, string password = ChatCluster.Password)
    {
        using var response = await cluster.Http.PostAsJsonAsync("/users/login", new { username, password });
        return await ReadAsync(response);
    }

    public static async Task<SessionTokens> RefreshAsync(ChatCluster cluster, string refreshToken)
    {
        using var response = await TryRefreshAsync(cluster, refreshToken);
        return await ReadAsync(response);
    }

    public static Task<HttpResponseMessage> TryRefreshAsync(ChatCluster cluster, string refreshToken) =>
        cluster.Http.PostAsJsonAsync("/users/refresh", new { refreshToken });

    /// <summary>The status of <c>GET /users/me</c> with the session's access token.</summary>
    public static async Task<HttpStatusCode> MeStatusAsync(ChatCluster cluster, SessionTokens session)
    {
        using var http = cluster.CreateClient(session.AsUser);
        using var response = await http.GetAsync("/users/me");
        return response.StatusCode;
    }

    private static async Task<SessionTokens> ReadAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var user = body.GetProperty("user");
        return new SessionTokens(
            user.GetProperty("id").GetString()!,
            user.GetProperty("username").GetString()!,
            body.GetProperty("token").GetString()!,
            body.GetProperty("refreshToken").GetString()!);
    }
}
