using System.Net;
using Chat.Gateway.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Tests.Security;

/// <summary>
/// <c>X-Forwarded-For</c> is believed only from a configured proxy network: a client that writes its own header
/// keeps its real address (and so its per-address sign-in limit).
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Theory]
    [InlineData("10.42.0.7", "10.42.0.0/16", "198.51.100.7")]   // the ingress controller: believed
    [InlineData("203.0.113.50", "10.42.0.0/16", "203.0.113.50")] // anyone else: ignored
    [InlineData("203.0.113.50", null, "203.0.113.50")]           // nothing configured: ignored
    [InlineData("127.0.0.1", null, "198.51.100.7")]              // a proxy on this machine: believed
    public async Task TheClientAddressComesFromTheHeaderOnlyWhenThePeerIsATrustedProxy(string peer, string? network, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(network is null ? [] : new Dictionary<string, string?> { ["Gateway:Proxy:KnownNetworks:0"] = network })
            .Build();
        var services = new ServiceCollection().AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(configuration);
        services.AddChatProxyTrust();
        using var provider = services.BuildServiceProvider();
        var seen = "";
        var middleware = new ForwardedHeadersMiddleware(
            context => { seen = context.Connection.RemoteIpAddress!.ToString(); return Task.CompletedTask; },
            NullLoggerFactory.Instance,
            provider.GetRequiredService<IOptions<ForwardedHeadersOptions>>());
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        context.Request.Headers["X-Forwarded-For"] = "198.51.100.7";

        await middleware.Invoke(context);

        Assert.Equal(expected, seen);
    }

    [Fact]
    public void AnInvalidNetworkRefusesToStart()
    {
        var results = new ProxyOptions { KnownNetworks = ["everyone"] }.Validate(new(new object()));

        Assert.Contains(results, r => r.ErrorMessage!.Contains("everyone"));
    }
}
