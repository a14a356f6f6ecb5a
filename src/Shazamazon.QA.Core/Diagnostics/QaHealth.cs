using Npgsql;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Data.Migrations;

namespace Shazamazon.QA.Core.Diagnostics;

/// <summary>Readiness of what this node depends on: PostgreSQL (with <c>Qa:Source=Database</c>) and Redis (when configured).</summary>
public sealed class QaHealth
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);
    private readonly NpgsqlDataSource? _database;
    private readonly RedisL2Cache? _l2;

    internal QaHealth(NpgsqlDataSource? database, RedisL2Cache? l2)
    {
        _database = database;
        _l2 = l2;
    }

    /// <summary>
    /// Checks each dependency within 2 s: <c>ok</c>, <c>unavailable</c>, for PostgreSQL <c>migrations-pending</c> (its
    /// schema is behind this build's migrations: without them, changes may go unannounced and caches stale; run
    /// <c>EdgeHost migrate</c>), or for Redis <c>circuit-open</c> (skipped after repeated failures). Never an error
    /// text, which could name hosts or credentials.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> CheckAsync(CancellationToken cancellationToken = default)
    {
        var checks = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_database is not null)
        {
            checks["postgres"] = await ProbeAsync(async ct =>
            {
                await using var command = _database.CreateCommand("SELECT coalesce(max(version), 0) FROM qa_schema_migrations");
                try
                {
                    return (int)(await command.ExecuteScalarAsync(ct))! >= DatabaseMigrator.LatestVersion ? "ok" : "migrations-pending";
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
                {
                    return "migrations-pending";
                }
            }, cancellationToken);
        }

        if (_l2 is not null)
        {
            checks["redis"] = await _l2.CheckAsync(cancellationToken);
        }

        return checks;
    }

    private static async Task<string> ProbeAsync(Func<CancellationToken, Task<string>> probe, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        try
        {
            return await probe(budget.Token);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return "unavailable";
        }
    }
}
