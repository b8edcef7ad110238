using Chat.Gateway.Auth;
using Chat.ServiceDefaults;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Chat.Gateway.Tests.Unit;

/// <summary>A production gateway never starts with a missing or guessable signing key.</summary>
public sealed class JwtOptionsValidatorTests
{
    private const string GoodKey = "0123456789abcdef0123456789abcdef";
    private static readonly DeploymentMode Clustered = new("127.0.0.1:6379");
    private static readonly DeploymentMode Embedded = new(null);

    [Theory]
    [InlineData("Production", true, null, true)]
    [InlineData("Production", true, "", true)]
    [InlineData("Production", true, "too short", true)]
    [InlineData("Production", true, GoodKey, false)]
    [InlineData("Development", true, null, false)]
    [InlineData("Development", true, "too short", true)]
    [InlineData("Production", false, null, false)]
    public void TheKeyIsRequiredAndLongEnoughOutsideDevelopmentAndTheEmbeddedDefault(string environment, bool clustered, string? key, bool refused)
    {
        var validator = new JwtOptionsValidator(new Environment(environment), clustered ? Clustered : Embedded);

        var result = validator.Validate(null, new JwtOptions { SigningKey = key });

        Assert.Equal(refused, result.Failed);
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Gateway";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
