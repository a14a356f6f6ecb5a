using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shazamazon.QA.Core.Caching;

namespace Shazamazon.QA.Core.Operations;

/// <summary>
/// Redis, the second cache level: <c>ok</c>, or <c>unavailable</c> / <c>circuit-open</c> as degraded, never unhealthy.
/// Without Redis a node still serves (L1 and its source), so a Redis outage must not take every node out of a load
/// balancer at once. Once the circuit's break is over, this check's PING is the probe that closes it.
/// </summary>
internal sealed class RedisHealthCheck(RedisL2Cache l2) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = await l2.CheckAsync(cancellationToken);
        return state == "ok" ? HealthCheckResult.Healthy(state) : HealthCheckResult.Degraded(state);
    }
}
