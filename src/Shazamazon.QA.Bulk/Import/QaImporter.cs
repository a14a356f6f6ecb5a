using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Shazamazon.QA.Bulk.Schema;
using Shazamazon.QA.Core.Invalidation;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Bulk.Import;

/// <summary>
/// Imports Q&amp;A from CSV files (<c>products.csv</c>, <c>questions.csv</c>, <c>answers.csv</c>, each optional, header
/// row required) or from legacy JSON-lines documents, in one transaction:
/// <list type="number">
/// <item>each file is streamed row by row (constant memory) and every row checked (types, lengths, text rules); bad
/// rows go to the reject file with their line and reason;</item>
/// <item>into a database holding Q&amp;A, rows are staged, checked in SQL and upserted (<see cref="StagedUpsert"/>);
/// into empty tables, they go straight in, checked in memory (<see cref="EmptyTablesLoad"/>);</item>
/// <item>with more rejects than <see cref="ImportOptions.MaxRejects"/> the transaction is rolled back: nothing changes;</item>
/// <item>else staged rows are upserted by id (so re-importing the same files changes nothing), the id sequences are
/// moved past the imported ids, and the changed products are announced to every edge node (each product, or a flush
/// of every cache when many changed or products were added), all at commit.</item>
/// </list>
/// </summary>
public sealed partial class QaImporter(NpgsqlDataSource dataSource, ILogger<QaImporter> logger)
{
    /// <summary>Above this many changed products, nodes are told to flush everything rather than evict each product.</summary>
    public const int MaxProductsAnnounced = 10_000;

    /// <summary>Imports the CSV files found in <paramref name="directory"/>; at least one of the three must exist.</summary>
    /// <exception cref="ImportInputException">No file to import, or a file lacks a required column; nothing was changed.</exception>
    public Task<ImportSummary> ImportCsvAsync(string directory, ImportOptions options, IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        ImportAsync(new CsvFiles(directory), options, progress, cancellationToken);

    /// <summary>
    /// Imports a JSON-lines file of legacy product documents (the <c>/item</c> shape: <c>ProductId</c>, <c>ItemName</c>,
    /// <c>Category</c>, <c>QA[]</c> of <c>_id</c>, <c>Qstn</c>, <c>Ans</c>, <c>Author</c>, <c>Votes</c>, <c>Date</c>).
    /// </summary>
    /// <exception cref="ImportInputException">The file does not exist; nothing was changed.</exception>
    public Task<ImportSummary> ImportLegacyJsonLinesAsync(string path, ImportOptions options, IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        ImportAsync(new LegacyDocuments(path), options, progress, cancellationToken);

    private async Task<ImportSummary> ImportAsync(ImportSource source, ImportOptions options, IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var runs = source.Tables().Select(t => new TableRun(t, source.FileOf(t))).ToArray();
        var started = Stopwatch.GetTimestamp();
        using var rejects = new RejectLog(options.RejectsPath);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Room for the checks' sorts and hashes, and for rebuilding indexes after a first import. The change triggers
        // stand aside (migration 0003): the products are announced at the end.
        await connection.ExecuteAsync("SET LOCAL work_mem = '256MB'; SET LOCAL maintenance_work_mem = '1GB'; SET LOCAL qa.bulk_import = 'on'",
            cancellationToken);
        var strategy = await ChooseAsync(connection, cancellationToken);
        await strategy.PrepareAsync(runs, cancellationToken);

        // 1. Read and check every row; send it on.
        var position = new ImportPosition(source.TotalBytes, started, progress);
        foreach (var run in runs.Where(r => r.File is not null))
        {
            var before = rejects.Count;
            using (var importer = await connection.BeginBinaryImportAsync(strategy.CopySql(run.Table), cancellationToken))
            {
                var target = new RowTarget(importer, strategy.Stages, strategy.Checks, rejects, run.File!);
                source.Stage(run.Table, target, position, cancellationToken);
                await importer.CompleteAsync(cancellationToken);
                (run.Read, run.Ascending) = (target.Rows, target.Ascending);
            }

            run.Rejected = rejects.Count - before;
            await strategy.LoadedAsync(run, cancellationToken);
        }

        // 2. Check the rows against each other and the database.
        await strategy.CheckAsync(runs.Where(r => r.File is not null).ToArray(), rejects, cancellationToken);
        if (rejects.Count > options.MaxRejects)
        {
            await transaction.RollbackAsync(cancellationToken);
            LogAborted(rejects.Count, options.MaxRejects.Value);
            return Summary(runs, aborted: true, rejects, 0, false, started);
        }

        // 3. Move the rows in, continue the id sequences, announce.
        var changedProducts = await strategy.MoveInAsync(runs, cancellationToken);
        await ContinueSequenceAsync(connection, "questions", cancellationToken);
        await ContinueSequenceAsync(connection, "answers", cancellationToken);
        // New products may have been cached as "not found", which no product version covers: flush then, as for many changes.
        var flush = changedProducts > MaxProductsAnnounced || runs[0].Inserted > 0;
        if (flush)
        {
            await connection.ExecuteAsync($"SELECT pg_notify('{DatabaseChangeListener.ChannelName}', '{InvalidationMessage.Flush}')", cancellationToken);
        }
        else if (changedProducts > 0)
        {
            await strategy.AnnounceEachAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var summary = Summary(runs, aborted: false, rejects, changedProducts, flush, started);
        LogImported(summary.Read, summary.Rejected, changedProducts, summary.Elapsed.TotalSeconds);
        return summary;
    }

    // Into empty tables, rows go straight in; otherwise they are staged and upserted. The tables are locked only when
    // they look empty (then checked again under the lock): a database holding Q&A keeps serving reads during an import.
    private static async Task<ImportStrategy> ChooseAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (await AllEmptyAsync(connection, cancellationToken))
        {
            await connection.ExecuteAsync("LOCK TABLE products, questions, answers IN ACCESS EXCLUSIVE MODE", cancellationToken);
            if (await AllEmptyAsync(connection, cancellationToken))
            {
                return new EmptyTablesLoad(connection);
            }
        }

        return new StagedUpsert(connection);
    }

    private static async Task<bool> AllEmptyAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        await connection.ScalarAsync(
            "SELECT (EXISTS (SELECT FROM products) OR EXISTS (SELECT FROM questions) OR EXISTS (SELECT FROM answers))::int::bigint", cancellationToken) == 0;

    // Writes without an id (the API's) must never take an imported one.
    private static Task ContinueSequenceAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken) =>
        connection.ExecuteAsync($"""
            SELECT setval(s.seq, greatest(m.max_id, coalesce(pg_sequence_last_value(s.seq), 0)))
            FROM (SELECT pg_get_serial_sequence('{table}', 'id')::regclass AS seq) s, (SELECT max(id) AS max_id FROM {table}) m
            WHERE m.max_id IS NOT NULL
            """, cancellationToken);

    private static ImportSummary Summary(TableRun[] runs, bool aborted, RejectLog rejects, long changedProducts, bool flushed, long started) =>
        new(runs.Where(r => r.Read > 0 || r.Rejected > 0)
                .Select(r => new TableImport(r.Table.Name, r.Read, r.Inserted, r.Updated, aborted ? 0 : r.Read - r.Rejected - r.Inserted - r.Updated, r.Rejected))
                .ToArray(),
            aborted, rejects.Count > 0 ? rejects.Path : null, changedProducts, flushed, Stopwatch.GetElapsedTime(started));

    [LoggerMessage(LogEvents.ImportAborted, LogLevel.Warning, "Import aborted: {Rejected} rows rejected, more than the {MaxRejects} allowed; nothing was changed.")]
    private partial void LogAborted(long rejected, long maxRejects);

    [LoggerMessage(LogEvents.Imported, LogLevel.Information, "Imported {Read} rows ({Rejected} rejected), {Products} products changed, in {Seconds:F1} s.")]
    private partial void LogImported(long read, long rejected, long products, double seconds);
}
