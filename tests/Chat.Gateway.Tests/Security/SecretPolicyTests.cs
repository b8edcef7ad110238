using System.Security.Cryptography;
using Chat.Gateway.Tests.Support;
using Chat.ServiceDefaults.Secrets;
using Microsoft.Extensions.Configuration;

namespace Chat.Gateway.Tests.Security;

/// <summary>
/// Outside Development a host refuses datastore passwords copied from the examples (or too weak) for a server on the
/// network, and says how to make one; local servers and Development are left alone.
/// </summary>
public sealed class SecretPolicyTests
{
    private static readonly string Strong = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    [Theory]
    [InlineData("Server=mysql;Port=3306;Database=chat;User ID=chat;Password=CHANGE-ME;SslMode=VerifyCA", null)]
    [InlineData("Server=mysql;Port=3306;Database=chat;User ID=chat;Password=dev-chat-password", null)]
    [InlineData("Server=db.internal;Database=chat;User ID=chat;Password=hunter2", null)]
    [InlineData("Server=db.internal;Database=chat;User ID=chat", null)]
    [InlineData(null, "redis:6379,password=CHANGE-ME-redis-password,abortConnect=false")]
    [InlineData(null, "redis:6379,password=REPLACE_ME,ssl=true,abortConnect=false")]
    [InlineData(null, "redis:6379,abortConnect=false")]
    public void ExamplePlaceholdersAndWeakPasswordsRefuseToStart(string? mySql, string? redis)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatastoreSecrets.EnsureStrong(Config(mySql, redis), new TestHostEnvironment("Production")));

        Assert.Contains("openssl rand -base64 48", error.Message);
    }

    [Fact]
    public void StrongPasswordsLocalServersAndDevelopmentStart()
    {
        DatastoreSecrets.EnsureStrong(Config($"Server=mysql;Database=chat;User ID=chat;Password={Strong}", $"redis:6379,password={Strong},ssl=true"),
            new TestHostEnvironment("Production"));
        DatastoreSecrets.EnsureStrong(Config("Server=127.0.0.1;Port=3307;User ID=chat;Password=chat-local-dev;Database=chat", "127.0.0.1:6380"),
            new TestHostEnvironment("Production"));
        DatastoreSecrets.EnsureStrong(Config("Server=mysql;Database=chat;User ID=chat;Password=dev-chat-password", "redis:6379,password=dev-redis-password"),
            new TestHostEnvironment("Development"));
    }

    [Fact]
    public void TheRepositoryExamplesAreAllRecognisedAsPlaceholders()
    {
        var root = RepositoryRoot();
        var envExample = File.ReadAllLines(Path.Combine(root, ".env.example"))
            .Where(line => line.Contains("PASSWORD=") || line.Contains("SIGNING_KEY="))
            .Select(line => line[(line.IndexOf('=') + 1)..])
            .ToList();

        Assert.Equal(5, envExample.Count);
        Assert.All(envExample, value => Assert.True(SecretPolicy.IsPlaceholder(value), value));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Chat.Orleans.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new DirectoryNotFoundException("repository root");
    }

    private static IConfiguration Config(string? mySql, string? redis) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:MySql"] = mySql, ["ConnectionStrings:Redis"] = redis })
        .Build();
}
