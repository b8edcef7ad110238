using System.Security.Cryptography;
using System.Text;
using Chat.Gateway.Tests.Support;
using Chat.Silo.Hosting;
using Microsoft.Extensions.Configuration;

namespace Chat.Gateway.Tests.Security;

/// <summary>The Orleans dashboard shows grain state: off unless configured, and then only with credentials.</summary>
public sealed class DashboardAccessTests
{
    [Fact]
    public void TheDashboardIsOffUnlessConfigured()
    {
        Assert.False(ChatSiloExtensions.DashboardEnabled(new ConfigurationBuilder().Build()));
    }

    [Theory]
    [InlineData(null, "Production")]
    [InlineData("CHANGE-ME-dashboard", "Production")]
    [InlineData("short", "Production")]
    [InlineData(null, "Development")]
    public void TurningItOnWithoutAUsablePasswordRefusesToStart(string? password, string environment)
    {
        var options = new ChatDashboardOptions { Enabled = true, Password = password };

        Assert.Throws<InvalidOperationException>(() => options.EnsureUsable(new TestHostEnvironment(environment)));
    }

    [Fact]
    public void OnlyTheConfiguredCredentialsAreAdmitted()
    {
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        new ChatDashboardOptions { Enabled = true, Password = password }.EnsureUsable(new TestHostEnvironment("Production"));
        var expected = Encoding.UTF8.GetBytes($"admin:{password}");
        string Basic(string credentials) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));

        Assert.True(DashboardAccess.Authorized(Basic($"admin:{password}"), expected));
        Assert.False(DashboardAccess.Authorized(Basic("admin:wrong"), expected));
        Assert.False(DashboardAccess.Authorized("", expected));
        Assert.False(DashboardAccess.Authorized("Basic !!!not-base64", expected));
        Assert.False(DashboardAccess.Authorized($"Bearer {password}", expected));
    }
}
