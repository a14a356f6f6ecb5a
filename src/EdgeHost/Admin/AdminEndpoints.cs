using Microsoft.Extensions.Options;
using Shazamazon.QA.Core;
using Shazamazon.QA.Core.Invalidation;
using Shazamazon.QA.Core.Operations;
using Shazamazon.QA.Core.Validation;
using Shazamazon.QA.Core.Webhooks;
using Shazamazon.QA.EdgeHost.Http;
using Shazamazon.QA.EdgeHost.Management;

namespace Shazamazon.QA.EdgeHost.Admin;

/// <summary>
/// <c>/admin</c>: purge one product or everything (on every node), this node's cache statistics, and the failed
/// webhook deliveries (listed, replayed). Off (404) unless
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
        group.MapGet("/webhooks/failed", FailedWebhooksAsync).WithSummary("Webhook deliveries kept as failed (all, or one endpoint's by url), oldest first.")
            .Produces<IReadOnlyList<FailedDelivery>>(StatusCodes.Status200OK).ProducesValidationProblem();
        group.MapPost("/webhooks/replay", ReplayWebhooksAsync).WithSummary("Send failed webhook deliveries again: { url?, eventIds? } (all when left out).")
            .Accepts<WebhookReplay>("application/json").Produces(StatusCodes.Status200OK).ProducesValidationProblem();
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

    // Webhooks are delivered by database nodes; a node filling from an origin has none to list.
    private static async Task<IResult> FailedWebhooksAsync(HttpContext context, string? url, string? limit)
    {
        if (context.RequestServices.GetService<IQaWebhooks>() is not { } webhooks)
        {
            return Problems.NotFound("This node delivers no webhooks (it fills from an origin).");
        }

        var errors = new FieldErrors();
        var count = 100;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count) || count is < 1 or > 1000))
        {
            errors.Add("limit", "limit must be an integer from 1 to 1000.");
            return Problems.Invalid(errors);
        }

        return TypedResults.Json(await webhooks.FailedAsync(url, count, context.RequestAborted));
    }

    private static async Task<IResult> ReplayWebhooksAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.RequestServices.GetService<IQaWebhooks>() is not { } webhooks)
        {
            return Problems.NotFound("This node delivers no webhooks (it fills from an origin).");
        }

        var replay = new WebhookReplay(null, null);
        if (context.Request.ContentLength is not 0)
        {
            try
            {
                replay = await context.Request.ReadFromJsonAsync<WebhookReplay>(cancellationToken) ?? replay;
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
            {
                var errors = new FieldErrors();
                errors.Add("$", "The body must be JSON: { \"url\"?: string, \"eventIds\"?: [integer] }, or empty for every failed delivery.");
                return Problems.Invalid(errors);
            }
        }

        return TypedResults.Json(new { replayed = await webhooks.ReplayAsync(replay.Url, replay.EventIds, cancellationToken) });
    }

    private static Microsoft.AspNetCore.Http.HttpResults.NoContent PurgeAll(IQaInvalidator invalidator)
    {
        invalidator.PurgeAll();
        return TypedResults.NoContent();
    }

    private static ValueTask<object?> RequireKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        AccessKeys.RequireAsync(context, next, KeyHeader, [context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<AdminOptions>>().CurrentValue.ApiKey],
            LogRejected, typeof(AdminEndpoints), $"Send the admin key in the {KeyHeader} header.");

    [LoggerMessage(LogEvents.AdminKeyRejected, LogLevel.Warning, "Rejected an admin request {Method} {Path} from {Client}: missing or wrong API key ({HeldBack} more held back since the last such entry).")]
    private static partial void LogRejected(ILogger logger, string method, string path, string client, long heldBack);
}
