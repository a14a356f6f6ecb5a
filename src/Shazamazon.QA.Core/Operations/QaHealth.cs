using Npgsql;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Data.Migrations;

namespace Shazamazon.QA.Core.Operations;

/// <summary>Checks PostgreSQL when this node has a database, and Redis when it has an L2.</summary>
internal sealed class QaHealth(NpgsqlDataSource? database = null, RedisL2Cache? l2 = null) : IQaHealth
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    public async Task<IReadOnlyDictionary<string, string>> CheckAsync(CancellationToken cancellationToken = default)
    {
        var checks = new Dictionary<string, string>(StringComparer.Ordinal);
        if (database is not null)
        {
            checks["postgres"] = await ProbeAsync(async ct =>
            {
                await using var command = database.CreateCommand("SELECT coalesce(max(version), 0) FROM qa_schema_migrations");
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

        if (l2 is not null)
        {
            checks["redis"] = await l2.CheckAsync(cancellationToken);
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
