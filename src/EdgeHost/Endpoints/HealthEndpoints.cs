using Shazamazon.QA.Core.Operations;

namespace Shazamazon.QA.EdgeHost.Endpoints;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (its dependencies answer).</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new Dictionary<string, string> { ["status"] = "alive" }));
        routes.MapGet("/readyz", ReadyAsync);
        return routes;
    }

    private static async Task<IResult> ReadyAsync(IQaHealth health, IEnumerable<IReadinessCheck> extra, CancellationToken cancellationToken)
    {
        var checks = new Dictionary<string, string>(await health.CheckAsync(cancellationToken), StringComparer.Ordinal);
        foreach (var check in extra)
        {
            checks[check.Name] = await check.CheckAsync(cancellationToken);
        }

        var ready = checks.Values.All(v => v == "ok");
        checks["status"] = ready ? "ready" : "not ready";
        return TypedResults.Json(checks, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
