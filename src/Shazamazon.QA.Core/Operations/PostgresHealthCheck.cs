using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Shazamazon.QA.Core.Data;
using Shazamazon.QA.Core.Data.Migrations;
using Shazamazon.QA.Core.Sources;

namespace Shazamazon.QA.Core.Operations;

/// <summary>
/// Readiness of PostgreSQL, the source of a database node, checked where misses read (a standby when there are
/// replicas, else the primary) on a connection of its own, so a flood of misses cannot make it wait: <c>ok</c>; <c>circuit-open</c> while fills skip it after repeated failures; <c>migrations-pending</c> when its schema is behind this build's migrations (without them, changes
/// may go unannounced and caches stale: run <c>EdgeHost migrate</c>); <c>unavailable</c>. Anything but <c>ok</c> is
/// unhealthy: the node cannot fill misses. Never an error text, which could name hosts or credentials.
/// </summary>
internal sealed class PostgresHealthCheck(QaDatabase database, DatabaseSource source) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (source.IsCircuitOpen)
        {
            return HealthCheckResult.Unhealthy("circuit-open");
        }

        try
        {
            var version = await SchemaVersionAsync(cancellationToken);
            return version >= DatabaseMigrator.LatestVersion ? HealthCheckResult.Healthy("ok") : HealthCheckResult.Unhealthy("migrations-pending");
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return HealthCheckResult.Unhealthy("migrations-pending");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Unhealthy("unavailable");
        }
    }

    private async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var command = database.Checks.CreateCommand("SELECT coalesce(max(version), 0) FROM qa_schema_migrations");
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
