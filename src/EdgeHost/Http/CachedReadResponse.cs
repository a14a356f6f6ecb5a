using System.Globalization;
using Microsoft.Net.Http.Headers;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.EdgeHost.Protection;

namespace Shazamazon.QA.EdgeHost.Http;

/// <summary>
/// Writes a cached read: the bytes rendered at fill time, unchanged, with <c>ETag</c>, <c>Cache-Control</c>, <c>Vary</c>
/// and <c>X-Cache</c>; <c>If-None-Match</c> on a matching tag answers 304 with no body. The read endpoints write through
/// it directly (no <see cref="IResult"/> per request), so an L1 hit allocates nothing here.
/// </summary>
internal static class CachedReadResponse
{
    // One string per TTL and per age in seconds (both bounded by the configured TTLs and stale window), so a hit
    // formats nothing.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<long, string> CacheControlValues = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<long, string> AgeValues = new();

    /// <summary>Awaits <paramref name="pending"/> (complete at once on an L1 hit), charges a miss to the client's <paramref name="budget"/>, and writes it.</summary>
    public static async Task WriteAsync(HttpContext httpContext, ValueTask<CachedRead> pending, MissBudget budget)
    {
        var read = await pending;
        budget.Charge(httpContext, read.Outcome);
        var response = read.Response;
        var http = httpContext.Response;
        var headers = http.Headers;
        if (read.Outcome == CacheOutcome.Refused)
        {
            await budget.DelayRefusalAsync(httpContext);
            headers.CacheControl = "no-store";
            headers.RetryAfter = "1";
            await WriteProblemAsync(httpContext, response);
            return;
        }

        headers[QaHeaders.Cache] = read.Outcome switch
        {
            CacheOutcome.HitL1 => "HIT-L1",
            CacheOutcome.HitL2 => "HIT-L2",
            CacheOutcome.Stale => "STALE",
            _ => "MISS",
        };
        if (read.StaleReason is { } reason)
        {
            headers[QaHeaders.Stale] = reason switch
            {
                StaleReason.Revalidating => "revalidating",
                StaleReason.SourceSlow => "source-slow",
                _ => "source-unavailable",
            };
        }

        // Browsers revalidate every use (max-age=0: a 304 from the edge's memory costs next to nothing), so a user's
        // own write shows at once; shared caches in front (a CDN, nginx's proxy_cache) keep the answer for its TTL.
        headers.CacheControl = CacheControlValues.GetOrAdd((long)read.MaxAge.TotalSeconds,
            static seconds => string.Create(CultureInfo.InvariantCulture, $"public, max-age=0, s-maxage={seconds}"));
        if (read.Age >= TimeSpan.FromSeconds(1))
        {
            headers.Age = AgeValues.GetOrAdd((long)read.Age.TotalSeconds, static seconds => seconds.ToString(CultureInfo.InvariantCulture));
        }

        if (response.StatusCode != StatusCodes.Status200OK)
        {
            await WriteProblemAsync(httpContext, response);
            return;
        }

        headers.ETag = response.ETag;
        headers.Vary = HeaderNames.Accept;
        headers[QaHeaders.Version] = response.VersionTag;
        if (Matches(httpContext.Request.Headers.IfNoneMatch, response.ETag))
        {
            http.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var messagePack = Negotiation.WantsMessagePack(httpContext.Request);
        var body = messagePack ? response.MessagePack : response.Json;
        http.StatusCode = StatusCodes.Status200OK;
        http.ContentType = messagePack ? QaWireFormat.MessagePackMediaType : "application/json; charset=utf-8";
        http.ContentLength = body.Length;
        await http.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    private static Task WriteProblemAsync(HttpContext httpContext, CachedResponse problem)
    {
        var http = httpContext.Response;
        http.StatusCode = problem.StatusCode;
        http.ContentType = "application/problem+json";
        http.ContentLength = problem.Json.Length;
        return http.Body.WriteAsync(problem.Json, httpContext.RequestAborted).AsTask();
    }

    // Weak comparison (RFC 9110 13.1.2): the opaque tags match, whatever their W/ prefixes.
    internal static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string eTag)
    {
        if (ifNoneMatch.Count == 0)
        {
            return false;
        }

        var opaque = Opaque(eTag);
        foreach (var value in ifNoneMatch)
        {
            foreach (var candidate in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (candidate == "*" || Opaque(candidate).SequenceEqual(opaque))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static ReadOnlySpan<char> Opaque(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag.AsSpan(2) : tag.AsSpan();
}
