using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Shazamazon.QA.Core.Data;

namespace Shazamazon.QA.Core.Operations;

/// <summary>
/// With read replicas, the primary on its own: <c>ok</c> or <c>unavailable</c>, reported as degraded. Misses are still
/// served from a standby while the primary is down (writes get a 503), so the node stays in its load balancer.
/// </summary>
internal sealed class PostgresPrimaryHealthCheck(QaDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = database.Primary.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("ok");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Degraded("unavailable");
        }
    }
}
