using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.FileProviders;

namespace Chat.Gateway.Security;

/// <summary>
/// The Content-Security-Policy of every response. Scripts: this origin only, plus the SHA-256 of each inline
/// <c>&lt;script&gt;</c> found in the built <c>index.html</c> at start-up (so a small theme script keeps working
/// without <c>'unsafe-inline'</c>; no other inline script or <c>eval</c> runs, which is what turns an injected
/// message into text instead of an account takeover: the token lives in localStorage). Connections (REST, SignalR,
/// <c>/ws</c>) go to this origin only. Images may come from any http(s) origin because avatars are URLs users give.
/// Styles allow inline attributes: the component library positions popups with them; a style cannot run script.
/// Nothing may frame the app.
/// </summary>
public sealed partial class ContentSecurityPolicy
{
    public ContentSecurityPolicy(IFileProvider webRoot)
    {
        var hashes = InlineScriptHashes(webRoot).Select(hash => $" 'sha256-{hash}'");
        Value = string.Join("; ",
            "default-src 'self'",
            "script-src 'self'" + string.Concat(hashes),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob: https: http:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self'",
            "manifest-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    }

    public string Value { get; }

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    /// <summary>Base64 SHA-256 of each non-empty inline script body of <c>index.html</c>, exactly as the browser hashes it.</summary>
    public static IEnumerable<string> InlineScriptHashes(IFileProvider webRoot)
    {
        var index = webRoot.GetFileInfo("index.html");
        if (!index.Exists)
        {
            return [];
        }
        using var reader = new StreamReader(index.CreateReadStream(), Encoding.UTF8);
        var html = reader.ReadToEnd();
        return InlineScript().Matches(html)
            .Select(match => match.Groups["body"].Value)
            .Where(body => body.Trim().Length > 0)
            .Select(body => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(body))))
            .ToList();
    }
}
