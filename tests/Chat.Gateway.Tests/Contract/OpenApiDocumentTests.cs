using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chat.Testing;

namespace Chat.Gateway.Tests.Contract;

/// <summary>
/// The REST API's OpenAPI document as the gateway serves it, and the copy committed in docs/openapi.v1.json that the
/// web app's client is generated from. Regenerate the copy with <c>UPDATE_OPENAPI=1 dotnet test tests/Chat.Gateway.Tests
/// --filter OpenApiDocumentTests</c>, then <c>cd frontend &amp;&amp; npm run generate</c>.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class OpenApiDocumentTests(ChatCluster cluster)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task TheCommittedDocumentIsTheOneTheGatewayServes()
    {
        var served = Normalize(await cluster.Http.GetStringAsync("/openapi/v1.json"));
        var path = CommittedDocumentPath();

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, served);
        }

        var committed = File.Exists(path) ? Normalize(await File.ReadAllTextAsync(path)) : "(missing)";
        Assert.True(committed == served,
            $"{path} is stale: the REST endpoints changed. Regenerate it with UPDATE_OPENAPI=1 dotnet test tests/Chat.Gateway.Tests "
            + "--filter OpenApiDocumentTests, then run 'npm run generate' in frontend/ and commit both.");
    }

    [Fact]
    public async Task EveryRestEndpointIsDescribedWithItsSecurityAndProblemResponses()
    {
        var document = JsonNode.Parse(await cluster.Http.GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();

        Assert.Equal(
            ["/chat/attachments", "/chat/attachments/{id}", "/chat/dms", "/chat/messages", "/chat/rooms", "/chat/rooms/{roomId}",
             "/chat/rooms/{roomId}/changes", "/chat/rooms/{roomId}/join", "/chat/rooms/{roomId}/leave",
             "/chat/rooms/{roomId}/members", "/chat/rooms/{roomId}/members/{userId}", "/chat/rooms/{roomId}/messages",
             "/chat/rooms/{roomId}/messages/{seq}", "/chat/rooms/{roomId}/messages/{seq}/reactions/{emoji}",
             "/chat/rooms/{roomId}/read", "/chat/rooms/{roomId}/users", "/chat/search", "/users", "/users/login",
             "/users/logout", "/users/me", "/users/me/connect-ticket", "/users/me/password", "/users/me/rooms", "/users/me/sessions",
             "/users/me/sessions/{sessionId}", "/users/refresh", "/users/register", "/users/{userId}"],
            paths.Select(path => path.Key).Order(StringComparer.Ordinal));
        Assert.Equal("bearer", (string?)document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]);

        var register = paths["/users/register"]!["post"]!;
        Assert.Null(register["security"]);
        Assert.NotNull(register["responses"]!["201"]);
        Assert.NotNull(register["responses"]!["409"]!["content"]!["application/problem+json"]);

        Assert.Null(paths["/users/refresh"]!["post"]!["security"]);
        Assert.NotNull(paths["/users/me/sessions"]!["get"]!["security"]);

        var send = paths["/chat/messages"]!["post"]!;
        Assert.NotNull(send["security"]);
        foreach (var status in new[] { "200", "201", "400", "401", "404", "413", "429", "503" })
        {
            Assert.True(send["responses"]![status] is not null, $"POST /chat/messages lacks a {status} response");
        }

        var message = document["components"]!["schemas"]!["MessageDto"]!;
        Assert.Contains("seq", message["required"]!.AsArray().Select(field => (string?)field));
        Assert.Equal("integer", (string?)message["properties"]!["seq"]!["type"]);
        var codes = document["components"]!["schemas"]!["ProblemDetails"]!["properties"]!["code"]!["enum"]!.AsArray().Select(code => (string?)code);
        Assert.Contains("rate_limited", codes);
    }

    [Fact]
    public async Task TheReferencePageIsOffInTheProductionProfileUnlessConfigured()
    {
        using var page = await cluster.Http.GetAsync("/scalar");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    private static string Normalize(string json) => JsonNode.Parse(json)!.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";

    private static string CommittedDocumentPath([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "docs", "openapi.v1.json"));
}
