using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Shazamazon.QA.EdgeHost.Origin;

/// <summary>Readiness of the origin cluster, the source of an origin-mode node: <c>ok</c> while it has a healthy destination.</summary>
internal sealed class OriginHealthCheck(OriginClient origin) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(origin.HasHealthyDestination ? HealthCheckResult.Healthy("ok") : HealthCheckResult.Unhealthy("unavailable"));
}
