using Chat.Gateway.Auth;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Tests.Unit;

public sealed class PasswordHasherTests
{
    private static PasswordHasher Hasher(int iterations = 1000) =>
        new(Options.Create(new PasswordHashingOptions { Iterations = iterations }));

    [Fact]
    public async Task AHashDescribesItselfAndVerifiesOnlyItsPassword()
    {
        using var hasher = Hasher();

        var hash = await hasher.HashAsync("correct horse battery staple");

        var parts = hash.Split('$');
        Assert.Equal(["pbkdf2-sha256", "1000"], parts[..2]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
        Assert.True(await hasher.VerifyAsync("correct horse battery staple", hash));
        Assert.False(await hasher.VerifyAsync("Correct horse battery staple", hash));
        Assert.False(await hasher.VerifyAsync("", hash));
    }

    [Fact]
    public async Task TheSamePasswordIsSaltedDifferentlyEachTime()
    {
        using var hasher = Hasher();

        Assert.NotEqual(await hasher.HashAsync("same password"), await hasher.HashAsync("same password"));
    }

    [Fact]
    public async Task AHashMadeWithOtherIterationsStillVerifiesAndAsksForARehash()
    {
        using var old = Hasher(iterations: 500);
        using var current = Hasher(iterations: 1000);
        var hash = await old.HashAsync("upgrade me");

        Assert.True(await current.VerifyAsync("upgrade me", hash));
        Assert.True(current.NeedsRehash(hash));
        Assert.False(current.NeedsRehash(await current.HashAsync("upgrade me")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("md5$1$abc$def")]
    [InlineData("pbkdf2-sha256$0$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$not base64!$AAAA")]
    public async Task AMissingOrForeignHashNeverVerifies(string? stored)
    {
        using var hasher = Hasher();

        Assert.False(await hasher.VerifyAsync("anything at all", stored));
    }
}
