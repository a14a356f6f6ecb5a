using Microsoft.AspNetCore.Diagnostics;
using Shazamazon.QA.Core.Writes;

namespace Shazamazon.QA.EdgeHost.Http;

/// <summary>
/// A write PostgreSQL refused for what it holds (<see cref="WriteRejectedException"/>): a 409 (conflict with the stored
/// state) or 400 validation problem naming the field, <c>no-store</c>. Never "store unavailable", which would tell the
/// client to retry what can only fail again.
/// </summary>
internal sealed class WriteRejectedHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not WriteRejectedException rejected)
        {
            return false;
        }

        var status = rejected.IsConflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        httpContext.Response.StatusCode = status;
        httpContext.Response.Headers.CacheControl = "no-store";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [rejected.Field] = [rejected.Message] })
            {
                Status = status,
                Title = rejected.IsConflict ? "Conflict" : "One or more fields are invalid.",
            },
        });
    }
}
