using Npgsql;
using Shazamazon.QA.Bulk.Schema;

namespace Shazamazon.QA.Bulk.Import;

/// <summary>
/// An import into empty tables: rows go straight in, checked in memory as they are read (<see cref="InMemoryChecks"/>:
/// the database holds nothing else they could refer to), with the keys, indexes, foreign keys and change triggers taken
/// away first (inside the transaction: a failure restores them) and restored at the end. Building an index once over
/// the loaded rows is many times faster than maintaining it row by row.
/// </summary>
internal sealed class EmptyTablesLoad(NpgsqlConnection connection) : ImportStrategy(connection)
{
    private IReadOnlyList<string> _restore = [];

    public override bool Stages => false;

    public override InMemoryChecks Checks { get; } = new();

    // Truncating the (empty) tables lets rows loaded in the same transaction skip the write-ahead log (wal_level = minimal).
    public override async Task PrepareAsync(IReadOnlyList<TableRun> runs, CancellationToken cancellationToken)
    {
        _restore = await BulkLoadSchema.DropAsync(Connection, cancellationToken);
        await Connection.ExecuteAsync($"TRUNCATE {BulkLoadSchema.Tables}", cancellationToken);
    }

    public override async Task<long> MoveInAsync(IReadOnlyList<TableRun> runs, CancellationToken cancellationToken)
    {
        foreach (var run in runs)
        {
            run.Inserted = run.Read - run.Rejected;
        }

        foreach (var statement in _restore)
        {
            await Connection.ExecuteAsync(statement, cancellationToken);
        }

        await Connection.ExecuteAsync("ANALYZE products, questions, answers", cancellationToken);
        return runs[0].Inserted;
    }

    // Every product is new here, so the importer always flushes instead: there is nothing to name one by one.
    public override Task AnnounceEachAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
