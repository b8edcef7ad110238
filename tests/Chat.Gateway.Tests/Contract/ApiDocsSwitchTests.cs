using System.Net;
using Chat.Gateway.Hosting;
using Chat.ServiceDefaults;
using Chat.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Gateway.Tests.Contract;

/// <summary>
/// Section <c>Gateway:ApiDocs</c> decides what a host serves: the OpenAPI document unless turned off; the reference page
/// in Development and the embedded default unless configured, and in the production profile only when configured.
/// Hosts only the documentation endpoints (no cluster): the switch is what is under test.
/// </summary>
public sealed class ApiDocsSwitchTests
{
    [Theory]
    [InlineData("Production", true, null, true)]
    [InlineData("Development", false, null, true)]
    [InlineData("Production", false, null, false)]
    [InlineData("Production", false, "true", true)]
    [InlineData("Development", true, "false", false)]
    public async Task TheReferencePageFollowsTheEnvironmentUnlessConfigured(string environment, bool embedded, string? referencePage, bool served)
    {
        await using var host = await StartAsync(environment, embedded, new() { ["Gateway:ApiDocs:ReferencePage"] = referencePage });

        using var page = await host.Http.GetAsync("/scalar/");
        using var document = await host.Http.GetAsync("/openapi/v1.json");

        Assert.Equal(served ? HttpStatusCode.OK : HttpStatusCode.NotFound, page.StatusCode);
        if (served)
        {
            Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }

    [Fact]
    public async Task TurningTheDocumentOffHidesThePageToo()
    {
        await using var host = await StartAsync("Development", embedded: true, new() { ["Gateway:ApiDocs:Document"] = "false" });

        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync("/scalar/")).StatusCode);
    }

    private static async Task<DocsHost> StartAsync(string environment, bool embedded, Dictionary<string, string?> settings)
    {
        var url = $"http://127.0.0.1:{TestInfrastructure.FreePort()}";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls(url);
        builder.Services.AddSingleton(new DeploymentMode(embedded ? null : "127.0.0.1:6379"));
        builder.Services.AddChatOpenApi();
        var app = builder.Build();
        app.MapChatOpenApi();
        await app.StartAsync();
        return new DocsHost(app, new HttpClient { BaseAddress = new Uri(url) });
    }

    private sealed record DocsHost(WebApplication App, HttpClient Http) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await App.DisposeAsync();
        }
    }
}
