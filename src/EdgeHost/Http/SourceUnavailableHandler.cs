using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using Shazamazon.QA.Core;
using Shazamazon.QA.Core.Sources;
using Shazamazon.QA.EdgeHost.Origin;

namespace Shazamazon.QA.EdgeHost.Http;

/// <summary>
/// Turns a source that cannot answer a cache miss into a problem with <c>Retry-After</c> that says only that: 502 (or
/// 504 when it timed out) for the origin, 503 for PostgreSQL, and 503 with a short <c>Retry-After</c> when this node
/// already runs as many fills as it allows. Never the exception, the SQL, a host name or a connection string. Anything
/// else falls through to the default handler (a 500 problem without detail).
/// </summary>
internal sealed partial class SourceUnavailableHandler(IProblemDetailsService problems, LogSampler logSampler, ILogger<SourceUnavailableHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, retryAfter) = exception switch
        {
            SourceUnavailableException { Failure: SourceFailure.Busy } => (StatusCodes.Status503ServiceUnavailable, "Service Unavailable",
                "This node is fetching too many answers at once and this one was not cached. Try again in a second.", "1"),
            SourceUnavailableException { SourceName: OriginSource.SourceName, Failure: SourceFailure.TimedOut } => (StatusCodes.Status504GatewayTimeout,
                "Gateway Timeout", "The origin did not answer in time and this answer was not cached. Try again shortly.", "5"),
            SourceUnavailableException { SourceName: OriginSource.SourceName } => (StatusCodes.Status502BadGateway, "Bad Gateway",
                "The origin could not answer and this answer was not cached. Try again shortly.", "5"),
            SourceUnavailableException or NpgsqlException or SocketException or TimeoutException => (StatusCodes.Status503ServiceUnavailable,
                "Service Unavailable", "The Q&A store is unavailable and this answer was not cached. Try again shortly.", "5"),
            _ => (0, string.Empty, string.Empty, string.Empty),
        };
        if (status == 0)
        {
            return false;
        }

        // An outage fails every uncached read: one warning per status each interval, with how many were held back.
        if (logSampler.TryEnter(status == StatusCodes.Status503ServiceUnavailable ? "source-unavailable-503" : $"source-unavailable-{status}", out var heldBack))
        {
            LogUnavailable(exception, httpContext.Request.Path, status, heldBack);
        }

        httpContext.Response.StatusCode = status;
        httpContext.Response.Headers.RetryAfter = retryAfter;
        httpContext.Response.Headers.CacheControl = "no-store";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(LogEvents.SourceUnavailable, LogLevel.Warning, "The source could not answer {Path}; answered {Status} ({HeldBack} more held back since the last such entry).")]
    private partial void LogUnavailable(Exception exception, PathString path, int status, long heldBack);
}
