using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace Shazamazon.QA.EdgeHost.Http;

/// <summary>
/// A file the edge serves from its own assembly (an embedded resource: the widget's script and styles, the admin
/// dashboard's page): its bytes, media type (from its extension, as the framework's static files name it) and a strong
/// <c>ETag</c> from their hash, so a browser revalidating it gets a 304 until the edge ships a new one. Nothing is read
/// from disk or fetched at run time. (The static-files middleware would look at every request's path on the hit path;
/// these are endpoints.)
/// </summary>
internal sealed class EmbeddedAsset
{
    private static readonly FileExtensionContentTypeProvider MediaTypes = new();

    private EmbeddedAsset(string contentType, byte[] bytes)
    {
        ContentType = contentType;
        Bytes = bytes;
        ETag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12))}\"";
    }

    public string ContentType { get; }

    public byte[] Bytes { get; }

    public string ETag { get; }

    /// <summary>Reads <paramref name="path"/> (relative to the project, e.g. <c>Widget/Assets/qa-widget.js</c>) from the assembly's resources.</summary>
    public static EmbeddedAsset Load(string path)
    {
        if (!MediaTypes.TryGetContentType(path, out var mediaType))
        {
            throw new InvalidOperationException($"{path} has no known media type.");
        }

        var name = "Shazamazon.QA.EdgeHost." + path.Replace('/', '.');
        using var stream = typeof(EmbeddedAsset).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{path} is not embedded in the edge's assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new EmbeddedAsset(mediaType.StartsWith("text/", StringComparison.Ordinal) ? mediaType + "; charset=utf-8" : mediaType, copy.ToArray());
    }

    /// <summary>The bytes as UTF-8 text (a page's template).</summary>
    public string Text => System.Text.Encoding.UTF8.GetString(Bytes);

    /// <summary>Answers with the asset (or 304 when <c>If-None-Match</c> names it), with <paramref name="cacheControl"/>.</summary>
    public Task WriteAsync(HttpContext context, string cacheControl)
    {
        var response = context.Response;
        response.Headers.ETag = ETag;
        response.Headers.CacheControl = cacheControl;
        response.ContentType = ContentType; // on a 304 too: a browser updates the page's stored headers (its policy) from it
        if (CachedReadResponse.Matches(context.Request.Headers.IfNoneMatch, ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.ContentLength = Bytes.Length;
        return response.Body.WriteAsync(Bytes, context.RequestAborted).AsTask();
    }
}
