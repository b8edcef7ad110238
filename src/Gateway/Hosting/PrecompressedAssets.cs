using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Chat.Gateway.Hosting;

/// <summary>
/// Serves the copies the web build compressed ahead of time (<c>assets/x.js.br</c>, <c>assets/x.js.gz</c>, written by
/// <c>frontend/vite.config.ts</c>): a GET or HEAD of <c>/assets/x.js</c> whose <c>Accept-Encoding</c> allows Brotli
/// (preferred) or gzip is answered from the matching file with <c>Content-Encoding</c>, the original content type and
/// <c>Vary: Accept-Encoding</c>. Without a copy, or for a client that accepts neither, the plain file is served.
/// </summary>
public sealed class PrecompressedAssets(RequestDelegate next, IWebHostEnvironment environment)
{
    /// <summary>Where the hashed, immutable build output lives (Vite's <c>build.assetsDir</c>).</summary>
    public static readonly PathString AssetsPath = new("/assets");

    private static readonly (string Encoding, string Extension)[] Encodings = [("br", ".br"), ("gzip", ".gz")];

    private readonly IFileProvider files = environment.WebRootFileProvider;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && request.Path.StartsWithSegments(AssetsPath)
            && context.GetEndpoint() is null)
        {
            var accepted = request.GetTypedHeaders().AcceptEncoding;
            foreach (var (encoding, extension) in Encodings)
            {
                var candidate = request.Path.Value + extension;
                if (Accepts(accepted, encoding) && files.GetFileInfo(candidate).Exists)
                {
                    request.Path = new PathString(candidate);
                    break;
                }
            }
            context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        }
        return next(context);
    }

    /// <summary>Content types of precompressed files are those of the originals (<c>x.js.br</c> is JavaScript).</summary>
    public static IContentTypeProvider ContentTypes()
    {
        return new OriginalContentTypes(new FileExtensionContentTypeProvider());
    }

    /// <summary>A copy requested by its own name (<c>/assets/x.js.br</c>) is still labelled with its encoding.</summary>
    public static void LabelEncoding(StaticFileResponseContext file)
    {
        foreach (var (encoding, extension) in Encodings)
        {
            if (file.File.Name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                file.Context.Response.Headers.ContentEncoding = encoding;
            }
        }
    }

    private static bool Accepts(IList<StringWithQualityHeaderValue> accepted, string encoding) =>
        accepted.Any(value => (value.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) || value.Value.Equals("*", StringComparison.Ordinal))
            && (value.Quality ?? 1) > 0);

    private sealed class OriginalContentTypes(FileExtensionContentTypeProvider inner) : IContentTypeProvider
    {
        public bool TryGetContentType(string subpath, out string contentType)
        {
            foreach (var (_, extension) in Encodings)
            {
                if (subpath.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                {
                    return inner.TryGetContentType(subpath[..^extension.Length], out contentType!);
                }
            }
            return inner.TryGetContentType(subpath, out contentType!);
        }
    }
}
