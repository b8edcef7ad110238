using Chat.Gateway.Auth;
using Chat.Gateway.Hosting;
using Chat.Gateway.Tests.Support;
using Chat.ServiceDefaults;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Chat.Gateway.Tests.Unit;

/// <summary>A production gateway never starts with a missing or guessable signing key.</summary>
public sealed class JwtOptionsValidatorTests
{
    private const string GoodKey = "q3Zt8VwXkP1rN7yLmB4sD9fH2jG6cE0aU5oI8eRtYw/Kx+Ml";
    private const string HexRun = "0123456789abcdef0123456789abcdef";
    private const string EnvExample = "CHANGE-ME-run-openssl-rand-base64-48-and-paste-it-here";
    private const string K8sDevExample = "dev-only-signing-key-0123456789abcdef0123456789abcdef";
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
    [InlineData("Production", true, HexRun, true)]
    [InlineData("Production", true, EnvExample, true)]
    [InlineData("Production", true, K8sDevExample, true)]
    [InlineData("Production", true, "REPLACE_ME_WITH_AT_LEAST_32_RANDOM_BYTES", true)]
    [InlineData("Production", true, "change-me-to-at-least-32-random-bytes-base64", true)]
    [InlineData("Production", true, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", true)]
    [InlineData("Production", false, EnvExample, true)]
    [InlineData("Development", true, EnvExample, false)]
    public void TheKeyIsRequiredAndLongEnoughOutsideDevelopmentAndTheEmbeddedDefault(string environment, bool clustered, string? key, bool refused)
    {
        var validator = new JwtOptionsValidator(new TestHostEnvironment(environment), clustered ? Clustered : Embedded);

        var result = validator.Validate(null, new JwtOptions { SigningKey = key });

        Assert.Equal(refused, result.Failed);
        if (refused && key is { Length: >= 32 })
        {
            Assert.Contains("openssl rand -base64 48", result.FailureMessage);
        }
    }

    [Fact]
    public void AFreshRandomKeyIsAccepted()
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

        var result = new JwtOptionsValidator(new TestHostEnvironment("Production"), Clustered).Validate(null, new JwtOptions { SigningKey = key });

        Assert.False(result.Failed, result.FailureMessage);
    }
}
