using Npgsql;
using Shazamazon.QA.Bulk.Schema;

namespace Shazamazon.QA.Bulk.Import;

/// <summary>
/// How an import moves checked rows into the tables: <see cref="EmptyTablesLoad"/> (straight in, checked in memory) or
/// <see cref="StagedUpsert"/> (staged, checked in SQL, upserted). <see cref="QaImporter"/> picks one and runs its steps
/// in order, inside the import's transaction.
/// </summary>
internal abstract class ImportStrategy(NpgsqlConnection connection)
{
    protected NpgsqlConnection Connection { get; } = connection;

    /// <summary>True when accepted rows go to staging tables under their line; false when they go straight into the tables.</summary>
    public abstract bool Stages { get; }

    /// <summary>The cross-row checks made as rows are read; null when they are made in SQL after (<see cref="CheckAsync"/>).</summary>
    public abstract InMemoryChecks? Checks { get; }

    /// <summary>The binary COPY that receives <paramref name="table"/>'s accepted rows.</summary>
    public string CopySql(ImportTable table) => Stages ? table.CopySql : table.LoadSql;

    /// <summary>Readies the tables before any row is read.</summary>
    public abstract Task PrepareAsync(IReadOnlyList<TableRun> runs, CancellationToken cancellationToken);

    /// <summary>Runs once a table's rows are all loaded.</summary>
    public virtual Task LoadedAsync(TableRun run, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The checks of loaded rows against each other and the stored ones; rejects go to <paramref name="rejects"/>.</summary>
    public virtual Task CheckAsync(IReadOnlyList<TableRun> runs, RejectLog rejects, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Moves the accepted rows in, filling each run's counts.</summary>
    /// <returns>How many products had rows inserted or updated.</returns>
    public abstract Task<long> MoveInAsync(IReadOnlyList<TableRun> runs, CancellationToken cancellationToken);

    /// <summary>Announces each changed product (when few changed and none is new); a flush is announced by the importer.</summary>
    public abstract Task AnnounceEachAsync(CancellationToken cancellationToken);
}
