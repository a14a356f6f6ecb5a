using System.Security.Cryptography;
using System.Text;
using Shazamazon.QA.Core;

namespace Shazamazon.QA.EdgeHost.Http;

/// <summary>
/// The check of the route groups behind a key (admin, moderation): absent (404) while none of their keys is configured;
/// otherwise the header must carry one of them (compared in constant time, every key compared whichever matches), else
/// 401, logged without the key and sampled. Answers are <c>no-store</c>.
/// </summary>
internal static class AccessKeys
{
    /// <summary>Runs <paramref name="next"/> when <paramref name="header"/> carries one of <paramref name="accepted"/>.</summary>
    /// <param name="logRejected">Logs a rejection: (logger, method, path, client, held back since the last entry).</param>
    public static async ValueTask<object?> RequireAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string header,
        string?[] accepted, Action<ILogger, string, string, string, long> logRejected, Type category, string detail)
    {
        var http = context.HttpContext;
        if (accepted.All(string.IsNullOrEmpty))
        {
            return Absent();
        }

        http.Response.Headers.CacheControl = "no-store";
        var presented = http.Request.Headers[header].ToString();
        var matched = false;
        foreach (var key in accepted)
        {
            matched |= !string.IsNullOrEmpty(key) & Matches(presented, key ?? string.Empty);
        }

        if (presented.Length > 0 && matched)
        {
            return await next(context);
        }

        // A flood of wrong keys is one warning per interval, with how many were held back.
        if (http.RequestServices.GetRequiredService<LogSampler>().TryEnter(header, out var heldBack))
        {
            logRejected(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(category), http.Request.Method, http.Request.Path,
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown", heldBack);
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);
    }

    /// <summary>What a route behind keys answers while none of them is configured: 404, as if it did not exist.</summary>
    public static IResult Absent() => Problems.NotFound("There is no such resource.");

    // Both sides are hashed first, so the comparison takes the same time whatever the lengths and contents.
    private static bool Matches(string presented, string configured) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
}
