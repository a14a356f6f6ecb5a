using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Shazamazon.QA.EdgeHost.Endpoints;

/// <summary>
/// <c>/healthz</c> (liveness: the process answers) and <c>/readyz</c> (readiness), on ASP.NET Core's health checks. Each
/// check of <c>/readyz</c> reports one word: the node (<c>serving</c>, or <c>draining</c> once asked to stop), its source
/// (<c>postgres</c> or <c>origin</c>) and, with Redis, <c>redis</c>. Redis failing only degrades the node, which still
/// serves: <c>/readyz</c> answers 200 with status <c>degraded</c>, so a Redis outage never takes every node out of a load
/// balancer. A node that cannot fill misses, or is draining, answers 503 <c>not ready</c>.
/// </summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = static (context, _) => context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["status"] = "alive" }),
        });
        routes.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteReadinessAsync,
        });
        return routes;
    }

    // {"origin"|"postgres": "...", "redis": "...", "node": "serving", "status": "ready" | "degraded" | "not ready"}: no
    // exception text, which could name hosts or credentials.
    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        var body = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, entry) in report.Entries)
        {
            body[name] = entry.Description ?? (entry.Status == HealthStatus.Healthy ? "ok" : "unavailable");
        }

        body["status"] = report.Status switch
        {
            HealthStatus.Healthy => "ready",
            HealthStatus.Degraded => "degraded",
            _ => "not ready",
        };
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(body, JsonSerializerOptions.Web);
    }
}
