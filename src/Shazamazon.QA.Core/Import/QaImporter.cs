using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Shazamazon.QA.Core.Coherence;
using Shazamazon.QA.Core.Data;

namespace Shazamazon.QA.Core.Import;

/// <summary>
/// Imports Q&amp;A from CSV files (<c>products.csv</c>, <c>questions.csv</c>, <c>answers.csv</c>, each optional, header
/// row required) or from legacy JSON-lines documents, in one transaction:
/// <list type="number">
/// <item>each file is streamed row by row (constant memory) and every row checked (types, lengths, text rules); bad
/// rows go to the reject file with their line and reason;</item>
/// <item>into a database holding Q&amp;A, rows are sent by binary COPY into temporary staging tables, then checked
/// against each other (a repeated id) and the stored rows (a question of an unknown product, an answer to an unknown
/// question); into empty tables, they go straight in (keys, indexes and foreign keys dropped, rebuilt at the end),
/// and those checks are made in memory as they are read;</item>
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
        await ExecuteAsync(connection, "SET LOCAL work_mem = '256MB'; SET LOCAL maintenance_work_mem = '1GB'; SET LOCAL qa.bulk_import = 'on'",
            cancellationToken);

        // Into empty tables, rows go straight in, checked in memory as they are read, with the keys, indexes, foreign
        // keys and change triggers taken away (inside the transaction: a failure restores them) and restored after.
        // Otherwise they are staged, checked in SQL against each other and the stored rows, and upserted.
        // The tables are locked only when they look empty: a database holding Q&A keeps serving reads during an import.
        var empty = await AllEmptyAsync(connection, cancellationToken);
        if (empty)
        {
            await ExecuteAsync(connection, "LOCK TABLE products, questions, answers IN ACCESS EXCLUSIVE MODE", cancellationToken);
            empty = await AllEmptyAsync(connection, cancellationToken);
        }

        var restore = empty ? await PrepareEmptyAsync(connection, transaction, cancellationToken) : null;
        var checks = empty ? new InMemoryChecks() : null;
        if (!empty)
        {
            foreach (var run in runs)
            {
                await ExecuteAsync(connection, run.Table.CreateStagingSql, cancellationToken);
            }

            await ExecuteAsync(connection, "CREATE TEMP TABLE import_changed (product_id bigint NOT NULL) ON COMMIT DROP", cancellationToken);
        }

        // 1. Read and check every row; send it on.
        var position = new ImportPosition(source.TotalBytes, started, progress);
        foreach (var run in runs.Where(r => r.File is not null))
        {
            var before = rejects.Count;
            using (var importer = await connection.BeginBinaryImportAsync(empty ? run.Table.LoadSql : run.Table.CopySql, cancellationToken))
            {
                var target = new RowTarget(importer, staging: !empty, checks, rejects, run.File!);
                source.Stage(run.Table, target, position, cancellationToken);
                await importer.CompleteAsync(cancellationToken);
                (run.Read, run.Ascending) = (target.Rows, target.Ascending);
            }

            run.Rejected = rejects.Count - before;
            if (!empty)
            {
                await ExecuteAsync(connection, $"ANALYZE {run.Table.Staging}", cancellationToken);
            }
        }

        // 2. Check staged rows against each other and the database; parents before children, so an answer to a
        // rejected question is rejected too (unless the question is already stored). A file whose ids only ascend
        // (as exports and most dumps are) cannot repeat one, and skips that check.
        foreach (var run in empty ? [] : runs)
        {
            if (!run.Ascending)
            {
                run.Rejected += await RejectAsync(connection, run.Table.DuplicatesSql, run.File!, rejects, cancellationToken);
            }

            if (run.Table.OrphansSql is { } orphans)
            {
                run.Rejected += await RejectAsync(connection, orphans, run.File!, rejects, cancellationToken);
            }
        }

        if (rejects.Count > options.MaxRejects)
        {
            await transaction.RollbackAsync(cancellationToken);
            LogAborted(rejects.Count, options.MaxRejects.Value);
            return Summary(runs, aborted: true, rejects, 0, false, started);
        }

        // 3. Move the rows in (or, into empty tables, restore what was taken away), continue the id sequences, announce.
        long changedProducts;
        if (restore is not null)
        {
            foreach (var run in runs)
            {
                run.Inserted = run.Read - run.Rejected;
            }

            foreach (var statement in restore)
            {
                await ExecuteAsync(connection, statement, cancellationToken);
            }

            await ExecuteAsync(connection, "ANALYZE products, questions, answers", cancellationToken);
            changedProducts = runs[0].Inserted;
        }
        else
        {
            await UpsertAsync(connection, runs, cancellationToken);
            changedProducts = await ScalarAsync(connection, "SELECT count(DISTINCT product_id) FROM import_changed", cancellationToken);
        }

        await ContinueSequenceAsync(connection, "questions", cancellationToken);
        await ContinueSequenceAsync(connection, "answers", cancellationToken);
        // New products may have been cached as "not found", which no product version covers: flush then, as for many changes.
        var flush = changedProducts > MaxProductsAnnounced || runs[0].Inserted > 0;
        if (flush)
        {
            await ExecuteAsync(connection, $"SELECT pg_notify('{DatabaseChangeListener.ChannelName}', '{DatabaseChangeListener.FlushPayload}')", cancellationToken);
        }
        else if (changedProducts > 0)
        {
            await ExecuteAsync(connection, "SELECT qa_touch_products(ARRAY(SELECT DISTINCT product_id FROM import_changed))", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var summary = Summary(runs, aborted: false, rejects, changedProducts, flush, started);
        LogImported(summary.Read, summary.Rejected, changedProducts, summary.Elapsed.TotalSeconds);
        return summary;
    }

    // Upserts by id, noting in import_changed every product whose Q&A changed.
    private static async Task UpsertAsync(NpgsqlConnection connection, TableRun[] runs, CancellationToken cancellationToken)
    {
        foreach (var run in runs)
        {
            if (run.Table.MovedAwaySql is { } movedAway)
            {
                await ExecuteAsync(connection, movedAway, cancellationToken);
            }

            await using var command = Command(connection, run.Table.MoveSql);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (run.Inserted, run.Updated) = (reader.GetInt64(0), reader.GetInt64(1));
        }
    }

    // Takes away the keys, indexes, foreign keys and change triggers (returning how to restore them) and truncates the
    // (empty) tables: with wal_level = minimal, rows loaded into a table truncated in the same transaction skip the
    // write-ahead log.
    private static async Task<IReadOnlyList<string>> PrepareEmptyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        var restore = await BulkLoadSchema.DropAsync(connection, transaction, cancellationToken);
        await ExecuteAsync(connection, "TRUNCATE answers, questions, products", cancellationToken);
        return restore;
    }

    private static async Task<bool> AllEmptyAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        await ScalarAsync(connection,
            "SELECT (EXISTS (SELECT FROM products) OR EXISTS (SELECT FROM questions) OR EXISTS (SELECT FROM answers))::int::bigint", cancellationToken) == 0;

    private static async Task<long> RejectAsync(NpgsqlConnection connection, string sql, string file, RejectLog rejects, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<(long Line, string Reason)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        foreach (var (line, reason) in found.OrderBy(f => f.Line))
        {
            rejects.Add(file, line, reason);
        }

        return found.Count;
    }

    // Writes without an id (the API's) must never take an imported one.
    private static Task ContinueSequenceAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, $"""
            SELECT setval(s.seq, greatest(m.max_id, coalesce(pg_sequence_last_value(s.seq), 0)))
            FROM (SELECT pg_get_serial_sequence('{table}', 'id')::regclass AS seq) s, (SELECT max(id) AS max_id FROM {table}) m
            WHERE m.max_id IS NOT NULL
            """, cancellationToken);

    private static ImportSummary Summary(TableRun[] runs, bool aborted, RejectLog rejects, long changedProducts, bool flushed, long started) =>
        new(runs.Where(r => r.Read > 0 || r.Rejected > 0)
                .Select(r => new TableImport(r.Table.Name, r.Read, r.Inserted, r.Updated, aborted ? 0 : r.Read - r.Rejected - r.Inserted - r.Updated, r.Rejected))
                .ToArray(),
            aborted, rejects.Count > 0 ? rejects.Path : null, changedProducts, flushed, Stopwatch.GetElapsedTime(started));

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql) => new(sql, connection) { CommandTimeout = 0 };

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(70, LogLevel.Warning, "Import aborted: {Rejected} rows rejected, more than the {MaxRejects} allowed; nothing was changed.")]
    private partial void LogAborted(long rejected, long maxRejects);

    [LoggerMessage(71, LogLevel.Information, "Imported {Read} rows ({Rejected} rejected), {Products} products changed, in {Seconds:F1} s.")]
    private partial void LogImported(long read, long rejected, long products, double seconds);

    // One table's part of an import, as it goes (products first, then questions, then answers).
    private sealed class TableRun(ImportTable table, string? file)
    {
        public ImportTable Table { get; } = table;

        public string? File { get; } = file;

        public long Read { get; set; }

        public bool Ascending { get; set; }

        public long Rejected { get; set; }

        public long Inserted { get; set; }

        public long Updated { get; set; }
    }
}
