using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Shazamazon.QA.EdgeHost.Http;

/// <summary>
/// Turns a failure to reach PostgreSQL into a 503 problem with <c>Retry-After</c>, saying only that the store is
/// unavailable: never the exception, the SQL, a host name or a connection string. Anything else falls through to the
/// default handler (a 500 problem without detail).
/// </summary>
internal sealed partial class SourceUnavailableHandler(IProblemDetailsService problems, ILogger<SourceUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (NpgsqlException or SocketException or TimeoutException))
        {
            return false;
        }

        LogUnavailable(exception, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        httpContext.Response.Headers.CacheControl = "no-store";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service Unavailable",
                Detail = "The Q&A store is unavailable and this answer was not cached. Try again shortly.",
            },
        });
    }

    [LoggerMessage(30, LogLevel.Warning, "The Q&A store is unavailable for {Path}.")]
    private partial void LogUnavailable(Exception exception, PathString path);
}
