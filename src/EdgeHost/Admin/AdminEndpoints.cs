using Microsoft.Extensions.Options;
using Shazamazon.QA.Core;
using Shazamazon.QA.Core.Invalidation;
using Shazamazon.QA.Core.Operations;
using Shazamazon.QA.Core.Validation;
using Shazamazon.QA.EdgeHost.Http;
using Shazamazon.QA.EdgeHost.Management;

namespace Shazamazon.QA.EdgeHost.Admin;

/// <summary>
/// <c>/admin</c>: purge one product or everything (on every node), and this node's cache statistics. Off (404) unless
/// <c>Qa:Admin:ApiKey</c> is set; then the <c>X-Api-Key</c> header must match it (compared in constant time), else 401,
/// logged without the key.
/// </summary>
internal static partial class AdminEndpoints
{
    public const string KeyHeader = "X-Api-Key";

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/admin").WithTags("Admin").RequireManagement().AddEndpointFilter(RequireKeyAsync);
        group.MapPost("/products/{productId}/purge", PurgeProductAsync).WithSummary("Drop a product's cached entries on every node and in Redis.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem();
        group.MapPost("/purge", PurgeAll).WithSummary("Drop everything cached, on every node.");
        group.MapGet("/cache", (IQaStatistics statistics) => TypedResults.Json(statistics.Snapshot())).WithSummary("This node's cache statistics.")
            .Produces<QaCacheStatistics>(StatusCodes.Status200OK);
        group.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> PurgeProductAsync(string productId, IQaInvalidator invalidator, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var id = QueryValidator.Id(productId, "productId", errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        await invalidator.PurgeProductAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static Microsoft.AspNetCore.Http.HttpResults.NoContent PurgeAll(IQaInvalidator invalidator)
    {
        invalidator.PurgeAll();
        return TypedResults.NoContent();
    }

    private static async ValueTask<object?> RequireKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var configured = http.RequestServices.GetRequiredService<IOptionsMonitor<AdminOptions>>().CurrentValue.ApiKey;
        if (string.IsNullOrEmpty(configured))
        {
            return Problems.NotFound("There is no such resource.");
        }

        http.Response.Headers.CacheControl = "no-store";
        if (!AccessKeys.Matches(http.Request.Headers[KeyHeader].ToString(), configured))
        {
            // A flood of wrong keys is one warning per interval, with how many were held back.
            if (http.RequestServices.GetRequiredService<LogSampler>().TryEnter("admin-key-rejected", out var heldBack))
            {
                var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminEndpoints));
                LogRejected(logger, http.Request.Method, http.Request.Path, http.Connection.RemoteIpAddress?.ToString() ?? "unknown", heldBack);
            }

            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: $"Send the admin key in the {KeyHeader} header.");
        }

        return await next(context);
    }

    [LoggerMessage(LogEvents.AdminKeyRejected, LogLevel.Warning, "Rejected an admin request {Method} {Path} from {Client}: missing or wrong API key ({HeldBack} more held back since the last such entry).")]
    private static partial void LogRejected(ILogger logger, string method, string path, string client, long heldBack);
}
