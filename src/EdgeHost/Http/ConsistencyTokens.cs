using Shazamazon.QA.Core.Model;
using Shazamazon.QA.Core.Validation;

namespace Shazamazon.QA.EdgeHost.Http;

/// <summary>
/// Read-your-writes through any node (../shared/API.md, "Consistency across nodes"). A write answers with its
/// <see cref="ConsistencyToken"/> in <c>X-Qa-Version</c> and in the <c>qa_consistency</c> cookie (which remembers the
/// last products a browser wrote to); a read carrying <c>X-Qa-Min-Version</c> or the cookie is never answered with
/// older data, whichever node serves it.
/// </summary>
internal static class ConsistencyTokens
{
    /// <summary>The cookie a write sets for browsers.</summary>
    public const string Cookie = "qa_consistency";

    /// <summary>
    /// How long a browser keeps its token: far past the invalidation bound (p99 well under a second), so the token only
    /// matters while a node may not have heard of the write yet.
    /// </summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The request's token: the header's and the cookie's together. A malformed header is the client's error, named in
    /// <paramref name="errors"/>; a malformed cookie is ignored (the next write replaces it).
    /// </summary>
    public static ConsistencyToken Read(HttpRequest request, FieldErrors errors)
    {
        var token = ConsistencyToken.None;
        if (request.Headers.TryGetValue(QaHeaders.MinVersion, out var header))
        {
            if (header.Count != 1 || !ConsistencyToken.TryParse(header[0], out token))
            {
                errors.Add(QaHeaders.MinVersion, $"{QaHeaders.MinVersion} must be one \"<productId>:<version>\" (the X-Qa-Version of a write), or up to {ConsistencyToken.MaxProducts} joined by '|'.");
                return ConsistencyToken.None;
            }
        }

        return token.With(Remembered(request));
    }

    /// <summary>Answers a write that changed <paramref name="change"/>: its version in <c>X-Qa-Version</c>, and the browser's token raised to it.</summary>
    public static void Issue(HttpContext context, ProductChange change)
    {
        context.Response.Headers[QaHeaders.Version] = InvalidationMessage.Changed(change).ToString();
        BrowserCookies.Set(context, Cookie, Remembered(context.Request).With(change).ToString(), CookieLifetime);
    }

    // What the browser's cookie remembers; nothing when it has none, or one that does not parse.
    private static ConsistencyToken Remembered(HttpRequest request) =>
        request.Cookies.TryGetValue(Cookie, out var cookie) && ConsistencyToken.TryParse(cookie, out var remembered) ? remembered : ConsistencyToken.None;
}
