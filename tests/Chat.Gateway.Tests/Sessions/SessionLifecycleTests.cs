using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Chat.Gateway.Tests.Sessions;

/// <summary>
/// Sign-in sessions on the real system (docs/PROTOCOL.md, "Accounts and sessions"): refresh tokens rotate and are
/// good once, a spent one presented again ends the session, sessions can be listed and ended, a password change ends
/// every other session, and logout ends only the caller's.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class SessionLifecycleTests(ChatCluster cluster)
{
    [Fact]
    public async Task ARefreshTokenRotatesAndWorksOnlyOnce()
    {
        var session = await SessionClient.RegisterAsync(cluster);

        var renewed = await SessionClient.RefreshAsync(cluster, session.RefreshToken);

        Assert.NotEqual(session.RefreshToken, renewed.RefreshToken);
        Assert.Equal(session.SessionId, renewed.SessionId);
        Assert.Equal(HttpStatusCode.OK, await SessionClient.MeStatusAsync(cluster, renewed));
        var again = await SessionClient.RefreshAsync(cluster, renewed.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, await SessionClient.MeStatusAsync(cluster, again));
    }

    [Fact]
    public async Task ASpentRefreshTokenPresentedAgainEndsTheWholeSession()
    {
        var session = await SessionClient.RegisterAsync(cluster);
        var renewed = await SessionClient.RefreshAsync(cluster, session.RefreshToken);

        using var replay = await SessionClient.TryRefreshAsync(cluster, session.RefreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        // The thief's replay cost the holder of the current pair their session too.
        using var current = await SessionClient.TryRefreshAsync(cluster, renewed.RefreshToken);
        Assert.Equal(HttpStatusCode.Unauthorized, current.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await SessionClient.MeStatusAsync(cluster, renewed));
    }

    [Theory]
    [InlineData("not-a-refresh-token")]
    [InlineData("0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef.c2VjcmV0")]
    public async Task UnknownOrMalformedRefreshTokensAre401(string refreshToken)
    {
        using var response = await SessionClient.TryRefreshAsync(cluster, refreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheSessionsListShowsEachSignInAndWhichIsCurrent()
    {
        var first = await SessionClient.RegisterAsync(cluster);
        var second = await SessionClient.LogInAsync(cluster, first.Username);
        using var http = cluster.CreateClient(second.AsUser);

        var body = await http.GetFromJsonAsync<JsonElement>("/users/me/sessions");

        var sessions = body.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal(2, sessions.Count);
        var current = Assert.Single(sessions, s => s.GetProperty("current").GetBoolean());
        Assert.Equal(second.SessionId, current.GetProperty("id").GetString());
        Assert.Contains(sessions, s => s.GetProperty("id").GetString() == first.SessionId);
        Assert.All(sessions, s => Assert.True(s.GetProperty("createdAt").GetInt64() > 0 && s.GetProperty("lastSeenAt").GetInt64() > 0));
    }

    [Fact]
    public async Task EndingAnotherSessionRevokesItsTokensAndLeavesThisOne()
    {
        var phone = await SessionClient.RegisterAsync(cluster);
        var laptop = await SessionClient.LogInAsync(cluster, phone.Username);
        using var http = cluster.CreateClient(laptop.AsUser);

        using var ended = await http.DeleteAsync($"/users/me/sessions/{phone.SessionId}");
        using var unknown = await http.DeleteAsync($"/users/me/sessions/{phone.SessionId}");

        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await SessionClient.MeStatusAsync(cluster, phone));
        using var refresh = await SessionClient.TryRefreshAsync(cluster, phone.RefreshToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await SessionClient.MeStatusAsync(cluster, laptop));
    }

    [Fact]
    public async Task LogoutEndsOnlyTheCallersSession()
    {
        var phone = await SessionClient.RegisterAsync(cluster);
        var laptop = await SessionClient.LogInAsync(cluster, phone.Username);
        using var http = cluster.CreateClient(laptop.AsUser);

        using var logout = await http.PostAsync("/users/logout", content: null);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await SessionClient.MeStatusAsync(cluster, laptop));
        using var refresh = await SessionClient.TryRefreshAsync(cluster, laptop.RefreshToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await SessionClient.MeStatusAsync(cluster, phone));
    }

    [Fact]
    public async Task APasswordChangeEndsEveryOtherSessionAndNeedsTheCurrentPassword()
    {
        var phone = await SessionClient.RegisterAsync(cluster);
        var laptop = await SessionClient.LogInAsync(cluster, phone.Username);
        using var http = cluster.CreateClient(laptop.AsUser);
        const string newPassword = "a brand new passphrase 42";

        using var wrong = await http.PutAsJsonAsync("/users/me/password", new { currentPassword = "not my password", newPassword });
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await SessionClient.MeStatusAsync(cluster, phone));

        using var changed = await http.PutAsJsonAsync("/users/me/password", new { currentPassword = ChatCluster.Password, newPassword });

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await SessionClient.MeStatusAsync(cluster, phone));
        Assert.Equal(HttpStatusCode.OK, await SessionClient.MeStatusAsync(cluster, laptop));
        using var oldLogin = await cluster.Http.PostAsJsonAsync("/users/login", new { username = phone.Username, password = ChatCluster.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, oldLogin.StatusCode);
        await SessionClient.LogInAsync(cluster, phone.Username, newPassword);
    }
}
