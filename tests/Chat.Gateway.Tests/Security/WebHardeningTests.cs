using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Gateway.Tests.Support;
using Chat.Testing;

namespace Chat.Gateway.Tests.Security;

/// <summary>What a browser and a proxy see of the gateway: hardening headers, metrics hidden from proxied requests,
/// hostile names refused on the wire and chat text stored exactly.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class WebHardeningTests(ChatCluster cluster)
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/chat/rooms")]
    [InlineData("/no-such-page")]
    public async Task EveryResponseCarriesTheHardeningHeaders(string path)
    {
        using var response = await cluster.Http.GetAsync(path);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        var scripts = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe-inline", scripts);
        Assert.DoesNotContain("unsafe-eval", scripts);
        Assert.Contains("connect-src 'self'", csp);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS over plain HTTP");
    }

    [Fact]
    public async Task HstsIsSentWhenATrustedProxySaysTheClientUsedTls()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "198.51.100.7");

        using var response = await cluster.Http.SendAsync(request);

        Assert.StartsWith("max-age=", Header(response, "Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/METRICS")]
    [InlineData("/metrics/")]
    [InlineData("/Metrics/")]
    public async Task MetricsAreNotServedToARequestThatCameThroughAProxy(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        using var proxied = await cluster.Http.SendAsync(request);
        using var direct = await cluster.Http.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, proxied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
    }

    [Fact]
    public async Task ACommonPasswordIsRefusedAtRegistrationWithAClearProblem()
    {
        using var response = await cluster.Http.PostAsJsonAsync("/users/register",
            new { username = $"weakpw{Random.Shared.Next(1_000_000)}", email = $"weak{Random.Shared.Next(1_000_000)}@example.test", password = "Password123" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("common", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task BidiOverridesInRoomNamesDisplayNamesAndContentAre400AndNothingIsStored()
    {
        var user = await cluster.RegisterUserAsync("bidi");
        var roomId = await TestRooms.CreateAsync(cluster, user);
        using var http = cluster.CreateClient(user);

        using var room = await http.PostAsJsonAsync("/chat/rooms", new { name = "pay\u202Elanigiro", isPublic = true });
        using var profile = await http.PutAsJsonAsync("/users/me", new { displayName = "admin\u0000" });
        using var message = await http.PostAsJsonAsync("/chat/messages", new { roomId, content = "click \u202Eexe.txt" });
        var history = await http.GetFromJsonAsync<JsonElement>($"/chat/rooms/{roomId}/messages");

        Assert.Equal(HttpStatusCode.BadRequest, room.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, profile.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, message.StatusCode);
        Assert.Equal(0, history.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task ChatTextKeepsNewlinesTabsEmojiAndCjkExactly()
    {
        var user = await cluster.RegisterUserAsync("unicode");
        var roomId = await TestRooms.CreateAsync(cluster, user);
        const string content = "第一行\n\tsecond line 👋🏽 👨‍👩‍👧 مرحبا";

        await TestRooms.SendAsync(cluster, user, roomId, content);
        using var http = cluster.CreateClient(user);
        var history = await http.GetFromJsonAsync<JsonElement>($"/chat/rooms/{roomId}/messages");

        Assert.Equal(content, history.GetProperty("messages")[0].GetProperty("content").GetString());
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} is missing");
}
