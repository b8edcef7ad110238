using System.Security.Cryptography;
using System.Text;
using Chat.Gateway.Security;
using Microsoft.Extensions.FileProviders;

namespace Chat.Gateway.Tests.Security;

/// <summary>An inline script in the built app (e.g. a theme script) runs by its hash, never by 'unsafe-inline'.</summary>
public sealed class ContentSecurityPolicyTests : IDisposable
{
    private readonly DirectoryInfo _webRoot = Directory.CreateTempSubdirectory("chat-csp-");

    [Fact]
    public void InlineScriptsOfIndexHtmlAreAllowedByTheirHashAndExternalOnesByOrigin()
    {
        const string theme = "document.documentElement.dataset.theme = localStorage.getItem('theme') ?? 'light'";
        File.WriteAllText(Path.Combine(_webRoot.FullName, "index.html"),
            $"<html><head><script>{theme}</script><script type=\"module\" crossorigin src=\"/assets/index.js\"></script></head></html>");
        using var files = new PhysicalFileProvider(_webRoot.FullName);

        var policy = new ContentSecurityPolicy(files).Value;

        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(theme)));
        Assert.Contains($"script-src 'self' 'sha256-{hash}';", policy);
        Assert.DoesNotContain("unsafe-inline", policy.Split(';').Single(d => d.TrimStart().StartsWith("script-src", StringComparison.Ordinal)));
    }

    [Fact]
    public void WithoutABuiltAppScriptsComeFromThisOriginOnly()
    {
        using var files = new PhysicalFileProvider(_webRoot.FullName);

        Assert.Contains("script-src 'self';", new ContentSecurityPolicy(files).Value);
    }

    public void Dispose() => _webRoot.Delete(recursive: true);
}
